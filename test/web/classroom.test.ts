/**
 * The classroom in headless Chromium: an instructor starts a class; a participant joins, enters
 * forecasts without seeing anyone else's, reveals, and sees the scores and a calibration chart; the
 * instructor sees the class table and the class's calibration. Screenshots in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSession, type Page$, type UiSession } from './uiSession.js';

describe('Classroom on the Forecasts page', () => {
  let s: UiSession;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  it('join, enter, reveal, see the scores and the calibration; the instructor sees the class', async () => {
    const teacher = await s.page();
    await teacher.goto(`${s.base}/forecasts.html`);
    await teacher.fill('#cl-title', 'Week 3');
    await teacher.click('#cl-start');
    const teachLink = await teacher.getAttribute('#cl-teach-link', 'href');
    const code = /class=([A-Z2-9]{8})/.exec(teachLink ?? '')?.[1];
    assert.ok(code, `a class code in ${teachLink}`);

    const student = await s.page();
    await student.goto(`${s.base}/forecasts.html?class=${code}`);
    await student.fill('#cl-name', 'Ada');
    await student.click('#cl-join');
    await student.waitForSelector('#cl-claims li');
    assert.equal(await student.isVisible('#fc-h-scores'), false, 'the scores stay hidden before the reveal');
    assert.equal(await student.isVisible('#fc-h-claims'), false, 'and so do the readings');
    await student.fill('#cl-p-azimov-serious-threat', '70');
    await student.fill('#cl-p-lewis-small-scale', '20');
    await student.fill('#cl-p-zenn-imu-extinct', '90');
    await s.shot(student, 'classroom-enter');
    await student.click('#cl-reveal');
    await student.waitForSelector('#cl-score-table tbody tr');
    const you = await student.textContent('#cl-score-table tbody tr:first-child');
    // 0.7 on yes, 0.2 on no, 0.9 on no: (0.09 + 0.04 + 0.81) / 3 = 0.313
    assert.match(you ?? '', /you \(Ada\)3\s*0\.313/);
    const chart = await student.$eval('#cl-body canvas', (c) => {
      const ch = (globalThis as unknown as Page$).Chart.getChart(c)!;
      return { labels: ch.data.datasets.map((d) => d.label), points: ch.data.datasets[0]!.data.length };
    });
    assert.deepEqual(chart.labels, ['you (n 3)', 'perfect calibration']);
    assert.equal(chart.points, 3);
    await student.waitForSelector('#fc-score-table tbody tr');
    assert.equal(await student.isVisible('#fc-h-scores'), true, 'revealed: the scores are shown');
    await student.locator('#cl-revealed').scrollIntoViewIfNeeded();
    await s.shot(student, 'classroom-revealed');

    await teacher.goto(`${s.base}/${teachLink}`);
    await teacher.waitForSelector('#cl-class-table tbody tr');
    assert.match((await teacher.textContent('#cl-class-table tbody')) ?? '', /Adayes33/);
    const classChart = await teacher.$eval('#cl-body canvas', (c) =>
      (globalThis as unknown as Page$).Chart.getChart(c)!.data.datasets.map((d) => d.label),
    );
    assert.equal(classChart[0], 'the class, pooled');
    await s.shot(teacher, 'classroom-instructor');
    assert.deepEqual(s.errors, []);
  });
});
