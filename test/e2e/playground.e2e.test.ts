import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumInstalled, launchChromium, openOfflinePage } from '../support/chromium';
import {
  artifactsDirectory,
  PlaygroundChat,
  startTestPlayground,
  type TestPlayground,
} from '../support/playground';

const NOTE = 'Multi-agency neglect strategy drafted; partners sign it off next month.';
const IMPACT = 'Fewer repeat referrals in the pilot area';

describe('the bot in the Microsoft 365 Agents Playground (real browser)', function () {
  this.timeout(60_000);
  let playground: TestPlayground | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let chat: PlaygroundChat;

  before(async function () {
    if (!chromiumInstalled()) {
      process.stderr.write('      Chromium is not installed: apt-get install -y chromium\n');
      this.skip();
    }
    fs.mkdirSync(artifactsDirectory, { recursive: true });
    playground = await startTestPlayground();
    browser = await launchChromium();
    page = await openOfflinePage(browser);
    page.setDefaultTimeout(15_000);
    chat = new PlaygroundChat(page);
    await page.goto(playground.session.playground.url);
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('greets the chair with the help card when the Playground installs the bot', async () => {
    await chat.card('What I can do').waitFor();
    await chat.screenshot('01-installed');
  });

  it('answers "show priority 5" with the priority card and its actions', async () => {
    await chat.send('show priority 5');
    const card = chat.card(/Priority 5:/).filter({ has: page.getByRole('button', { name: 'Open 5.1' }) });
    await card.waitFor();
    await chat.screenshot('02-priority-5');
    assert.match(await card.innerText(), /5\.1/);
  });

  let actionCard: Locator;

  it('opens action 5.1 from that card, with the update form for the chair', async () => {
    await page.getByRole('button', { name: 'Open 5.1' }).last().click();
    actionCard = chat.card(/Action 5\.1:/);
    await actionCard.getByRole('combobox').waitFor();
    await chat.screenshot('03-action-5.1');
    assert.match(await actionCard.innerText(), /Not started/);
  });

  it('saves a RAG status and note from the form and refreshes the card in place', async () => {
    await actionCard.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Amber' }).click();
    await actionCard.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await actionCard.getByRole('textbox', { name: /^Impact so far/ }).fill(IMPACT);
    await chat.screenshot('04-form-filled');
    await actionCard.getByRole('button', { name: /save/i }).click();

    await actionCard.getByText(/Saved: Not started → Amber/).waitFor();
    await chat.screenshot('05-saved');
    assert.equal(
      await chat.card(/Action 5\.1:/).count(),
      1,
      'the card was replaced, not answered with another',
    );
    assert.match(await actionCard.innerText(), new RegExp(NOTE.replace(/[.;]/g, '\\$&')));
    assert.match(await actionCard.innerText(), new RegExp(IMPACT));
  });
});
