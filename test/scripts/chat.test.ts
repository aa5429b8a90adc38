import { strict as assert } from 'node:assert';
import { freePort } from '../../storage/azurite-process';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { chat as chatAs } from '../support/chat-client';

const CHAIR = 'chair@oscb.example';

function chat(botUrl: string, lines: string[], as = CHAIR) {
  return chatAs(botUrl, lines, as);
}

describe('npm run chat (terminal client)', function () {
  this.timeout(60_000);
  let bot: BotProcess;

  before(async () => {
    const { connectionString } = await sharedAzurite();
    bot = await BotProcess.start({
      connectionString,
      tablePrefix: uniqueTablePrefix(),
      boardAdmins: [CHAIR],
      // The scripted chat stops listening once its last turn is answered: drawing the board pack on a busy
      // test machine can take longer than the default 5 s, after which its file offers would come late.
      env: { TURN_ANSWER_SECONDS: '14' },
    });
  });
  after(async () => bot?.stop());

  it('prints a reply card as text: headings, text runs, facts and numbered buttons, no JSON', async () => {
    const { output, code } = await chat(bot.url, ['show priority 5']);
    assert.equal(code, 0, output);
    assert.match(output, /^bot> Aim 2: /m);
    assert.match(output, /^ +Priority 5: Address neglect$/m);
    assert.match(output, /^ +5\.1 Co-ordinated multi-agency response to neglect$/m);
    assert.match(output, /Owner: No owner yet/);
    assert.match(output, /^ +\[1\] Open 5\.1$/m);
    assert.doesNotMatch(output, /[{}]|"type"|AdaptiveCard/);
  });

  it('shows each board pack file offered, name and size, and where the files come from locally', async () => {
    const { output, code } = await chat(bot.url, ['board pack']);
    assert.equal(code, 0, output);
    assert.match(output, /File offered: .+\.docx \(\d[\d,]* KB\)/);
    assert.match(output, /File offered: .+\.xlsx \(\d[\d,]* KB\)/);
    assert.match(output, /locally, write the same files with npm run board-pack -- --out packs/);
  });

  it('presses a button by its number and asks for the form inputs, then shows the refreshed card', async () => {
    const { output } = await chat(bot.url, [
      'show action 5.1',
      '1',
      '2',
      'Agreed the neglect strategy',
      // Impact so far, evidence link and corrective action: left empty.
      '',
      '',
      '',
      '9',
    ]);
    assert.match(output, /^ +\[1\] Save update/m);
    assert.match(output, /Saved: Not started → Amber\./);
    assert.match(output, /Agreed the neglect strategy/);
    assert.match(output, /There is no button 9\./);

    // The press went through the real protocol into the record.
    const history = await chat(bot.url, ['history 5.1']);
    assert.match(history.output, /Agreed the neglect strategy/);
  });

  it('says plainly, once, when no bot is listening, and exits 1', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const { output, code } = await chat(nobody, ['help']);
    assert.equal(code, 1);
    assert.equal(output.split('\n').filter((line) => line.startsWith('chat> ')).length, 1, output);
    assert.ok(output.includes(`Could not reach the bot at ${nobody}/api/messages (ECONNREFUSED)`), output);
  });
});
