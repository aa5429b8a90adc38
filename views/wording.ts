export { joinWithAnd, plural } from '../domain/wording';
