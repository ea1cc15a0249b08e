import { afterEach, expect, test } from 'vitest';
import { runAudits } from '../../pipelines/models/build.js';
import { impression } from '../helpers/events.js';
import { Scenario } from '../helpers/scenario.js';

let scenario: Scenario;
afterEach(() => scenario.close());

test('R25, R26: unusual page paths and short dramas without materials are flagged, not rejected', async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_id: 't1', page_path: 'sub/home', industry: '影剧综' });
  scenario.task({ task_id: 't2', page_path: '/pages/a', industry: '短剧' });
  scenario.task({ task_id: 't3', page_path: 'pages/a', industry: '工具' });
  scenario.add('materials', {
    task_id: 't2',
    url: 'https://pan.baidu.com/s/x',
    episode: '',
    series_episodes: '',
  });
  await scenario.load();
  expect(await scenario.rows('select flag, task_id from data_quality_flags order by all')).toEqual([
    { flag: 'page_path_unusual', task_id: 't1' },
    { flag: 'short_drama_without_materials', task_id: 't1' },
  ]);
});

test('an audit that finds an offending row fails loudly, naming itself and the row', async () => {
  scenario = await Scenario.standard();
  scenario.task({ task_type: 'ad_share', commission_rate_pct: '100' }).video();
  scenario.add('ad_impressions', impression('i1', '2025-04-03T10:00:00+08:00', '1.00'));
  await scenario.load();
  await scenario.db.connection.run(
    `update earning_lines set amount = 2.00, amount_computed = 2.00`,
  );
  await expect(runAudits(scenario.db.connection)).rejects.toThrow(
    /audit earning_lines_tie_to_sources failed: 1 offending rows, the first .*"video_id":"v1"/,
  );
});
