import { strict as assert } from 'node:assert';
import {
  FILE_CONSENT_CONTENT_TYPE,
  FILE_INFO_CONTENT_TYPE,
  fileConsentAttachment,
  fileInfoAttachment,
  readFileConsent,
} from '../../bot/file-consent';

const params = { asAt: '2026-12-02', from: '2026-09-01', to: '2026-12-02' };
const context = { params, format: 'docx' };
const uploadInfo = {
  name: 'OSCB board pack 2026-12-02.docx',
  uploadUrl: 'https://contoso-my.sharepoint.com/up?tempauth=x',
  contentUrl: 'https://contoso-my.sharepoint.com/personal/chair/Documents/Applications/pack.docx',
  uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
  fileType: 'docx',
};

describe('file consent: the cards Teams shows and the answers it sends back', () => {
  it('offers a file with its name, description, size and the context to send back', () => {
    const card = fileConsentAttachment(
      { name: 'OSCB board pack 2026-12-02.docx', description: 'The Word report', size: 1234 },
      { params, format: 'docx' },
    );
    assert.deepEqual(card, {
      contentType: FILE_CONSENT_CONTENT_TYPE,
      name: 'OSCB board pack 2026-12-02.docx',
      content: {
        description: 'The Word report',
        sizeInBytes: 1234,
        acceptContext: context,
        declineContext: context,
      },
    });
  });

  it('points the file info card at the file Teams made', () => {
    assert.deepEqual(fileInfoAttachment(uploadInfo), {
      contentType: FILE_INFO_CONTENT_TYPE,
      contentUrl: uploadInfo.contentUrl,
      name: uploadInfo.name,
      content: { uniqueId: uploadInfo.uniqueId, fileType: 'docx' },
    });
  });

  it('reads an accept and a decline', () => {
    assert.deepEqual(readFileConsent({ type: 'fileUpload', action: 'accept', context, uploadInfo }), {
      action: 'accept',
      context,
      uploadInfo,
    });
    assert.deepEqual(readFileConsent({ action: 'decline', context }), { action: 'decline', context });
  });

  const badContexts: [string, unknown][] = [
    ['no context', undefined],
    ['another format', { params, format: 'pdf' }],
    ['markup for a date', { params: { ...params, asAt: '<script>' }, format: 'docx' }],
    ['a date with words after it', { params: { ...params, from: '2026-01-01 or anything' }, format: 'docx' }],
    ['a missing date', { params: { asAt: params.asAt, from: params.from }, format: 'xlsx' }],
    ['an extra key (who may have it)', { params, format: 'docx', admin: true }],
    ['an extra key in the params', { params: { ...params, by: 'chair@oscb.example' }, format: 'docx' }],
    ['a string', JSON.stringify(context)],
    ['an array', [context]],
  ];
  for (const [why, bad] of badContexts) {
    it(`keeps no context from an accept with ${why}`, () => {
      const read = readFileConsent({ action: 'accept', context: bad, uploadInfo });
      assert.equal(read.action, 'accept');
      assert.equal('context' in read, false);
    });
  }

  const unreadable: [string, unknown][] = [
    ['no value', undefined],
    ['another action', { action: 'delete', context }],
    ['an accept without uploadInfo', { action: 'accept', context }],
    [
      'an upload URL that is not a string',
      { action: 'accept', context, uploadInfo: { ...uploadInfo, uploadUrl: 1 } },
    ],
    [
      'a content URL that is script',
      { action: 'accept', context, uploadInfo: { ...uploadInfo, contentUrl: 'javascript:x' } },
    ],
    ['a name too long', { action: 'accept', context, uploadInfo: { ...uploadInfo, name: 'a'.repeat(256) } }],
    ['an empty unique id', { action: 'accept', context, uploadInfo: { ...uploadInfo, uniqueId: '' } }],
  ];
  for (const [why, value] of unreadable) {
    it(`cannot read ${why}`, () => {
      assert.deepEqual(readFileConsent(value), { action: 'unreadable' });
    });
  }
});
