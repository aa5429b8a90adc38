import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { compileCardTemplate } from '../../cards/render-card';

const card = (body: object[], extra: object = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  ...extra,
});

describe('compileCardTemplate', () => {
  it('binds data without evaluating expressions inside it', () => {
    const render = compileCardTemplate<{ note: string }>(card([{ type: 'TextRun', text: 'Note: ${note}' }]));
    assert.deepEqual(render({ note: '${$root} ${note}' }).body, [
      { type: 'TextRun', text: 'Note: ${$root} ${note}' },
    ]);
  });

  it('drops parts whose $when is false and properties bound to null', () => {
    const render = compileCardTemplate<{ owner: string | null }>(
      card([{ $when: '${exists(owner)}', type: 'TextRun', text: '${owner}' }], {
        refresh: { $when: '${exists(owner)}', userIds: '${owner}' },
        fallbackText: '${owner}',
      }),
    );
    assert.deepEqual(render({ owner: null }), { type: 'AdaptiveCard', version: '1.5', body: [] });
  });

  // Why template data uses null, never undefined: this is the engine's behaviour.
  it('(the engine writes an undefined field back as its expression)', () => {
    const render = compileCardTemplate<Record<string, never>>(
      card([{ type: 'TextBlock', text: '${missing}' }]),
    );
    assert.deepEqual(render({}).body, [{ type: 'TextBlock', text: '${missing}' }]);
  });

  it('refuses a template that does not make an AdaptiveCard', () => {
    const render = compileCardTemplate<Record<string, never>>({ type: 'Container', items: [] });
    assert.throws(() => render({}), /AdaptiveCard/);
  });
});

describe('card templates', () => {
  const directory = path.join(__dirname, '..', '..', '..', 'cards', 'templates');
  const files = fs.readdirSync(directory).filter((file) => file.endsWith('.json'));

  it('there is one per card', () => {
    assert.deepEqual(files.sort(), [
      'action.json',
      'agency.json',
      'aim.json',
      'digest.json',
      'escalations.json',
      'exceptions.json',
      'help.json',
      'history.json',
      'my-actions.json',
      'notice.json',
      'personal-data-check.json',
      'plan.json',
      'priority.json',
    ]);
  });

  for (const file of files) {
    it(`${file} is an Adaptive Card 1.5 the Designer can open, full width in Teams`, () => {
      const template = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as Record<
        string,
        unknown
      >;
      assert.equal(template.type, 'AdaptiveCard');
      assert.equal(template.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
      assert.equal(template.version, '1.5');
      assert.deepEqual(template.msteams, { width: 'Full' });
    });
  }
});
