'use strict';

// The movie lakehouse dashboard: one page over the REST API, refreshed every 30 seconds. Every
// failure ends in the banner or a panel's empty state, never in an uncaught exception. Each chart
// element tells tests what it shows: data-state (loading, rendered, empty, error), and once drawn
// with data, data-rendered="true" and data-points.
(function () {
  const REFRESH_MILLIS = 30000;
  const EMPTY_TEXT = 'No data yet \u2014 run ./pipeline demo';
  const LAYERS = ['bronze', 'silver', 'gold'];
  const LAYER_COLORS = { bronze: '#b7791f', silver: '#7b8794', gold: '#d4a017' };
  const OPERATION_COLORS = {
    append: '#3a6ea5', overwrite: '#8e44ad', replace: '#2e7d32', delete: '#c62828'
  };
  const QUALITY_LEVELS = [
    { name: 'excellent', minimum: 0.9, color: '#2e7d32' },
    { name: 'good', minimum: 0.8, color: '#7cb342' },
    { name: 'warning', minimum: 0.6, color: '#f9a825' },
    { name: 'critical', minimum: -Infinity, color: '#c62828' }
  ];
  // A table's health score (0-100, from metadata): green, amber, red.
  const HEALTH_LEVELS = [
    { name: 'healthy', minimum: 80, color: '#2e7d32' },
    { name: 'degraded', minimum: 50, color: '#f9a825' },
    { name: 'unhealthy', minimum: -Infinity, color: '#c62828' }
  ];
  const MEGABYTE = 1024 * 1024;

  // The key travels in a header, not in every API URL, so it stays out of the server's access log.
  const apiKey = new URLSearchParams(window.location.search).get('api_key');
  const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  const compactNumbers = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const compact = value => compactNumbers.format(value);
  let lakehouseTables = [];
  let refreshing = false;

  class ApiError extends Error {}

  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (apiKey) {
      headers['X-API-Key'] = apiKey;
    }
    let response;
    try {
      response = await fetch(path, { headers: headers, cache: 'no-store' });
    } catch (error) {
      throw new ApiError('the API does not answer (' + error.message + ')');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      throw new ApiError('HTTP ' + response.status + ', not JSON');
    }
    if (!response.ok || (body && body.success === false)) {
      const message = body && (body.message || body.error) ? (body.message || body.error) : 'HTTP ' + response.status;
      if (response.status === 401 || response.status === 403) {
        throw new ApiError(message + ' \u2014 add ?api_key=KEY to the page address');
      }
      throw new ApiError(message);
    }
    return body && Object.prototype.hasOwnProperty.call(body, 'data') ? body.data : body;
  }

  function element(id) {
    return document.getElementById(id);
  }

  function emptyState(container) {
    return container.parentElement.querySelector('.empty-state');
  }

  function chartOf(container) {
    return echarts.getInstanceByDom(container) || echarts.init(container);
  }

  function draw(id, option, points) {
    const container = element(id);
    if (points === 0) {
      showEmpty(id, EMPTY_TEXT);
      return;
    }
    emptyState(container).hidden = true;
    chartOf(container).setOption(option, true);
    container.dataset.state = 'rendered';
    container.dataset.rendered = 'true';
    container.dataset.points = String(points);
  }

  function showEmpty(id, text) {
    const container = element(id);
    const instance = window.echarts && echarts.getInstanceByDom(container);
    if (instance) {
      instance.clear();
    }
    const message = emptyState(container);
    message.textContent = text;
    message.hidden = false;
    container.dataset.state = 'empty';
    delete container.dataset.rendered;
    container.dataset.points = '0';
  }

  function showFailed(id) {
    const container = element(id);
    // Data drawn by an earlier refresh stays; a panel that never had any says why it is blank.
    if (container.dataset.rendered !== 'true') {
      showEmpty(id, 'Not available: see the message above');
      container.dataset.state = 'error';
    }
  }

  function asList(data) {
    if (Array.isArray(data)) {
      return data;
    }
    return data && Array.isArray(data.items) ? data.items : [];
  }

  function number(value) {
    const parsed = typeof value === 'number' ? value : parseFloat(value);
    return Number.isFinite(parsed) ? parsed : null;
  }

  function format(value) {
    const parsed = number(value);
    return parsed === null ? '\u2013' : numbers.format(parsed);
  }

  // Records may come with camelCase or snake_case names: read either.
  function field(object, camelName) {
    if (!object) {
      return undefined;
    }
    if (object[camelName] !== undefined) {
      return object[camelName];
    }
    return object[camelName.replace(/[A-Z]/g, letter => '_' + letter.toLowerCase())];
  }

  function layerOf(table) {
    return String(table.layer || '').toLowerCase();
  }

  // The API names a table "silver.movies_clean" or "movies_clean"; URLs take the short name.
  function shortName(table) {
    const name = String(table.table || table.table_name || '');
    return name.includes('.') ? name.substring(name.lastIndexOf('.') + 1) : name;
  }

  function fullName(layer, table) {
    return layer + '.' + table;
  }

  function time(value) {
    const parsed = value ? new Date(value) : null;
    return parsed && !isNaN(parsed.getTime()) ? parsed : null;
  }

  // --- Top trending movies --------------------------------------------------------------------

  async function loadTrending() {
    const rows = asList(await api('/movies/trending?hours=168&limit=20'));
    // A movie trends in several windows: its best window ranks it.
    const best = new Map();
    for (const row of rows) {
      const score = number(row.trend_score);
      const current = best.get(row.movie_id);
      if (score !== null && (!current || score > number(current.trend_score))) {
        best.set(row.movie_id, row);
      }
    }
    const movies = [...best.values()].sort((left, right) => number(right.trend_score) - number(left.trend_score));
    fillTrendingTable(movies);
    const top = movies.slice(0, 10).reverse();
    draw('trending-chart', {
      grid: { left: 8, right: 40, top: 8, bottom: 28, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'trend score', nameLocation: 'middle', nameGap: 24 },
      yAxis: {
        type: 'category',
        data: top.map(movie => movie.title || String(movie.movie_id)),
        axisLabel: { width: 180, overflow: 'truncate' }
      },
      series: [{
        type: 'bar',
        name: 'trend score',
        data: top.map(movie => number(movie.trend_score)),
        itemStyle: { color: '#3a6ea5' },
        label: { show: true, position: 'right', formatter: params => numbers.format(params.value) }
      }]
    }, top.length);
  }

  function fillTrendingTable(movies) {
    const body = element('trending-table').querySelector('tbody');
    body.replaceChildren();
    if (movies.length === 0) {
      const row = body.insertRow();
      const cell = row.insertCell();
      cell.colSpan = 6;
      cell.className = 'empty-row';
      cell.textContent = EMPTY_TEXT;
      return;
    }
    movies.forEach((movie, index) => {
      const row = body.insertRow();
      const cells = [index + 1, movie.title, movie.release_year, format(movie.trend_score),
        format(movie.max_popularity), format(movie.avg_rating)];
      cells.forEach((value, column) => {
        const cell = row.insertCell();
        // textContent: titles come from outside and are never parsed as HTML.
        cell.textContent = value === undefined || value === null ? '\u2013' : String(value);
        if (column >= 3) {
          cell.className = 'number';
        }
      });
    });
  }

  // --- Genre trends -----------------------------------------------------------------------------

  async function loadGenres() {
    const rows = asList(await api('/analytics/genre-trends'));
    const movieCounts = new Map();
    for (const row of rows) {
      movieCounts.set(row.genre_name, (movieCounts.get(row.genre_name) || 0) + (number(row.movie_count) || 0));
    }
    const genres = [...movieCounts.entries()].sort((left, right) => right[1] - left[1]).slice(0, 8)
      .map(entry => entry[0]);
    const years = [...new Set(rows.filter(row => genres.includes(row.genre_name)).map(row => row.release_year))]
      .sort((left, right) => left - right);
    let points = 0;
    const series = genres.map(genre => {
      const byYear = new Map(rows.filter(row => row.genre_name === genre)
        .map(row => [row.release_year, number(row.avg_rating)]));
      points += byYear.size;
      return {
        type: 'line',
        name: genre,
        connectNulls: true,
        symbolSize: 6,
        data: years.map(year => (byYear.has(year) ? byYear.get(year) : null))
      };
    });
    draw('genre-chart', {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: value => format(value) },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
      yAxis: { type: 'value', name: 'avg rating', scale: true },
      series: series
    }, points);
  }

  // --- Sentiment over time ---------------------------------------------------------------------

  async function loadSentiment() {
    // Days are UTC dates, "YYYY-MM-DD", so they sort as text.
    const rows = asList(await api('/analytics/sentiment-trends?days=365'))
      .map(row => Object.assign({}, row, { day: row.day || row.date }))
      .filter(row => row.day)
      .sort((left, right) => String(left.day).localeCompare(String(right.day)));
    draw('sentiment-chart', {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: value => format(value) },
      xAxis: { type: 'category', data: rows.map(row => row.day) },
      yAxis: [
        { type: 'value', name: 'avg sentiment', min: -1, max: 1 },
        { type: 'value', name: 'reviews', splitLine: { show: false } }
      ],
      series: [
        {
          type: 'line',
          name: 'avg sentiment',
          smooth: true,
          areaStyle: { opacity: 0.25 },
          itemStyle: { color: '#2e7d32' },
          data: rows.map(row => number(row.avg_sentiment))
        },
        {
          type: 'bar',
          name: 'reviews',
          yAxisIndex: 1,
          itemStyle: { color: '#b0bec5' },
          data: rows.map(row => number(row.review_count))
        }
      ]
    }, rows.length);
  }

  // --- Table sizes per layer -------------------------------------------------------------------

  async function loadTables() {
    const tables = asList(await api('/lakehouse/tables'))
      .map(table => ({ layer: layerOf(table), table: shortName(table), statistics: table }))
      .sort((left, right) => LAYERS.indexOf(left.layer) - LAYERS.indexOf(right.layer)
        || left.table.localeCompare(right.table));
    lakehouseTables = tables;
    fillSnapshotSelect(tables);
    const names = tables.map(table => fullName(table.layer, table.table));
    // One series per layer, so the legend groups the bars by layer and colours them alike.
    const series = [];
    for (const layer of LAYERS) {
      const inLayer = tables.map(table => table.layer === layer);
      if (!inLayer.includes(true)) {
        continue;
      }
      series.push({
        type: 'bar',
        name: layer + ' rows',
        stack: 'rows',
        itemStyle: { color: LAYER_COLORS[layer] },
        data: tables.map((table, index) => (inLayer[index] ? number(field(table.statistics, 'recordCount')) : null))
      });
      series.push({
        type: 'bar',
        name: layer + ' MB',
        stack: 'megabytes',
        xAxisIndex: 1,
        yAxisIndex: 1,
        itemStyle: { color: LAYER_COLORS[layer], opacity: 0.55 },
        data: tables.map((table, index) => (inLayer[index]
          ? Math.round((number(field(table.statistics, 'totalSizeBytes')) || 0) / MEGABYTE * 100) / 100 : null))
      });
    }
    draw('tables-chart', {
      grid: [
        { left: 8, width: '52%', top: 48, bottom: 32, containLabel: true },
        { right: 16, width: '36%', top: 48, bottom: 32, containLabel: false }
      ],
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'item', valueFormatter: value => format(value) },
      xAxis: [
        { type: 'value', gridIndex: 0, name: 'rows', nameLocation: 'middle', nameGap: 24, splitNumber: 3,
          axisLabel: { formatter: compact } },
        { type: 'value', gridIndex: 1, name: 'MB', nameLocation: 'middle', nameGap: 24, splitNumber: 3,
          axisLabel: { formatter: compact } }
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, data: names, inverse: true },
        { type: 'category', gridIndex: 1, data: names, inverse: true, axisLabel: { show: false } }
      ],
      series: series
    }, tables.length);
  }

  // --- Snapshot timeline -------------------------------------------------------------------------

  function fillSnapshotSelect(tables) {
    const select = element('snapshot-table');
    const previous = select.value;
    const values = tables.map(table => table.layer + '/' + table.table);
    if (values.join(',') === [...select.options].map(option => option.value).join(',')) {
      return;
    }
    select.replaceChildren(...tables.map(table => new Option(fullName(table.layer, table.table),
      table.layer + '/' + table.table)));
    if (values.includes(previous)) {
      select.value = previous;
    } else if (tables.length > 0) {
      // The busiest table shows the most of the timeline.
      const snapshots = table => number(field(table.statistics, 'snapshotCount')) || 0;
      const busiest = tables.reduce((best, table) => (snapshots(table) > snapshots(best) ? table : best));
      select.value = busiest.layer + '/' + busiest.table;
    }
  }

  async function loadSnapshots() {
    const selected = element('snapshot-table').value;
    if (!selected) {
      showEmpty('snapshots-chart', lakehouseTables.length === 0 ? EMPTY_TEXT : 'Choose a table');
      return;
    }
    const [layer, table] = selected.split('/');
    const snapshots = asList(await api('/lakehouse/tables/' + encodeURIComponent(layer) + '/'
      + encodeURIComponent(table) + '/snapshots'));
    const byOperation = new Map();
    snapshots.forEach((snapshot, index) => {
      const committed = time(field(snapshot, 'committedAt'));
      if (!committed) {
        return;
      }
      const operation = snapshot.operation || 'unknown';
      const summary = snapshot.summary || {};
      const records = number(summary['total-records']);
      if (!byOperation.has(operation)) {
        byOperation.set(operation, []);
      }
      byOperation.get(operation).push({
        value: [committed.getTime(), records === null ? index + 1 : records],
        snapshot: snapshot
      });
    });
    let points = 0;
    const series = [...byOperation.entries()].map(([operation, data]) => {
      points += data.length;
      return {
        type: 'scatter',
        name: operation,
        symbolSize: 12,
        itemStyle: { color: OPERATION_COLORS[operation] || '#6b7785' },
        data: data
      };
    });
    draw('snapshots-chart', {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: params => {
          const snapshot = params.data.snapshot;
          const summary = snapshot.summary || {};
          return [
            'snapshot ' + field(snapshot, 'snapshotId'),
            echarts.format.encodeHTML(String(snapshot.operation || '')) + ' at '
              + new Date(params.value[0]).toISOString().replace('T', ' ').substring(0, 19),
            'total records: ' + format(summary['total-records']),
            'added records: ' + format(summary['added-records']),
            'added data files: ' + format(summary['added-data-files'])
          ].join('<br>');
        }
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'total records', scale: true, axisLabel: { formatter: compact } },
      series: series
    }, points);
  }

  // --- Small files and compaction ---------------------------------------------------------------

  async function loadMaintenance() {
    const summary = await api('/lakehouse/maintenance');
    const tables = asList(summary && summary.tables ? summary.tables : summary)
      .map(entry => ({ layer: layerOf(entry), table: shortName(entry), entry: entry }))
      .sort((left, right) => LAYERS.indexOf(left.layer) - LAYERS.indexOf(right.layer)
        || left.table.localeCompare(right.table));
    const compaction = table => field(table.entry, 'lastCompaction') || null;
    draw('maintenance-chart', {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: tables.map(table => fullName(table.layer, table.table)),
        axisLabel: { rotate: tables.length > 4 ? 30 : 0, interval: 0 }
      },
      yAxis: { type: 'value', name: 'small files', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: 'before compaction',
          itemStyle: { color: '#c62828' },
          data: tables.map(table => (compaction(table) ? number(field(compaction(table), 'smallFilesBefore')) : null))
        },
        {
          type: 'bar',
          name: 'after compaction',
          itemStyle: { color: '#2e7d32' },
          data: tables.map(table => (compaction(table) ? number(field(compaction(table), 'smallFilesAfter')) : null))
        },
        {
          type: 'bar',
          name: 'now',
          itemStyle: { color: '#3a6ea5' },
          data: tables.map(table => number(field(table.entry, 'smallFiles')))
        }
      ]
    }, tables.length);
  }

  // --- Table health ----------------------------------------------------------------------------

  function healthLevel(score) {
    return HEALTH_LEVELS.find(level => score >= level.minimum);
  }

  function deductionsOf(table) {
    return asList(field(table.statistics, 'healthDeductions'));
  }

  function deductionText(deduction) {
    return String(deduction.reason || deduction.input || '') + ' (\u2212' + format(field(deduction, 'pointsLost'))
      + ')';
  }

  // Under the chart, what each table lost points for, worst table first: readable without hovering.
  function fillHealthDeductions(tables) {
    const list = element('table-health-deductions');
    const items = tables
      .filter(table => deductionsOf(table).length > 0)
      .sort((left, right) => number(field(left.statistics, 'healthScore'))
        - number(field(right.statistics, 'healthScore')))
      .map(table => {
        const score = number(field(table.statistics, 'healthScore'));
        const item = document.createElement('li');
        item.dataset.table = fullName(table.layer, table.table);
        item.dataset.level = healthLevel(score).name;
        const name = document.createElement('strong');
        name.textContent = fullName(table.layer, table.table) + ' ' + score;
        item.append(name, ': ' + deductionsOf(table).map(deductionText).join('; '));
        return item;
      });
    list.replaceChildren(...items);
  }

  // Drawn from the table list the tables panel fetched: one request serves both.
  function loadTableHealth() {
    const tables = lakehouseTables.filter(table => number(field(table.statistics, 'healthScore')) !== null);
    fillHealthDeductions(tables);
    draw('table-health-chart', {
      grid: { left: 8, right: 100, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: params => {
          const deductions = deductionsOf(tables[params.dataIndex])
            .map(deduction => echarts.format.encodeHTML(deductionText(deduction)));
          return echarts.format.encodeHTML(params.name) + ': ' + format(params.value) + ' ('
            + healthLevel(params.value).name + ')'
            + (deductions.length ? '<br>' + deductions.join('<br>') : '<br>nothing to maintain');
        }
      },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: tables.map(table => fullName(table.layer, table.table)), inverse: true },
      series: [{
        type: 'bar',
        name: 'health',
        data: tables.map(table => {
          const score = number(field(table.statistics, 'healthScore'));
          return { value: score, itemStyle: { color: healthLevel(score).color } };
        }),
        label: {
          show: true,
          position: 'right',
          formatter: params => format(params.value) + ' ' + healthLevel(params.value || 0).name
        },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { type: 'dashed', color: '#9aa5b1' },
          data: [{ xAxis: 50 }, { xAxis: 80 }]
        }
      }]
    }, tables.length);
  }

  /** A score bar's label (score and level) and the level boundaries, shared by both quality charts. */
  const SCORE_LABEL = {
    show: true,
    position: 'right',
    formatter: params => format(params.value) + ' ' + qualityLevel(params.value || 0).name
  };
  const LEVEL_LINES = {
    silent: true,
    symbol: 'none',
    label: { show: false },
    lineStyle: { type: 'dashed', color: '#9aa5b1' },
    data: [{ xAxis: 0.6 }, { xAxis: 0.8 }, { xAxis: 0.9 }]
  };

  // --- Data quality --------------------------------------------------------------------------

  function qualityLevel(score) {
    return QUALITY_LEVELS.find(level => score >= level.minimum);
  }

  // The latest score of each table, from either a list of checks or {latest: [...]}.
  function latestQuality(data) {
    const rows = data && Array.isArray(data.latest) ? data.latest : asList(data && data.tables ? data.tables : data);
    const latest = new Map();
    for (const row of rows) {
      const key = layerOf(row) + '.' + shortName(row);
      const current = latest.get(key);
      if (!current || String(row.checked_at || '') > String(current.checked_at || '')) {
        latest.set(key, row);
      }
    }
    return [...latest.entries()].sort((left, right) => left[0].localeCompare(right[0]));
  }

  async function loadQuality() {
    const latest = latestQuality(await api('/lakehouse/quality'));
    const scores = latest.map(([, row]) => {
      const score = number(row.overall_score);
      // Scores are fractions; a percentage is scaled so the levels apply alike.
      return score !== null && score > 1 ? score / 100 : score;
    });
    draw('quality-chart', {
      grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: params => echarts.format.encodeHTML(params.name) + ': ' + format(params.value) + ' ('
          + qualityLevel(params.value).name + ')'
      },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: latest.map(([name]) => name), inverse: true },
      series: [{
        type: 'bar',
        name: 'overall score',
        data: scores.map(score => ({ value: score, itemStyle: { color: qualityLevel(score || 0).color } })),
        label: SCORE_LABEL,
        markLine: LEVEL_LINES
      }]
    }, latest.filter(([, row]) => number(row.overall_score) !== null).length);
  }

  // --- Quality monitor (pipeline quality) -----------------------------------------------------

  function showOverall(run) {
    const overall = element('monitor-overall');
    const score = run ? number(run.overall_score) : null;
    if (score === null) {
      overall.dataset.level = 'none';
      overall.textContent = 'Overall: no run yet';
      return;
    }
    const level = qualityLevel(score).name;
    overall.dataset.level = level;
    overall.textContent = 'Overall: ' + format(score) + ' ' + level + ' \u2014 ' + asList(run.tables).length
      + ' table(s), checked ' + (time(run.checked_at) ? time(run.checked_at).toLocaleString() : '\u2013');
  }

  async function loadMonitor() {
    const run = (await api('/lakehouse/quality/scores')).latest;
    showOverall(run);
    const tables = run ? asList(run.tables).filter(table => number(table.score) !== null) : [];
    draw('monitor-chart', {
      grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: params => {
          const table = tables[params.dataIndex];
          const failures = asList(table.failures).map(failure => echarts.format.encodeHTML(String(failure)));
          return echarts.format.encodeHTML(params.name) + ': ' + format(params.value) + ' ('
            + qualityLevel(params.value).name + ')' + (failures.length ? '<br>' + failures.join('<br>') : '');
        }
      },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: tables.map(table => fullName(layerOf(table), shortName(table))), inverse: true },
      series: [{
        type: 'bar',
        name: 'table score',
        data: tables.map(table => {
          const score = number(table.score);
          return { value: score, itemStyle: { color: qualityLevel(score).color } };
        }),
        label: SCORE_LABEL,
        markLine: LEVEL_LINES
      }]
    }, tables.length);
  }

  // --- Audits (write-audit-publish) -------------------------------------------------------------

  const AUDIT_STATES = [
    { state: 'passed', color: '#2e7d32' },
    { state: 'held', color: '#c62828' },
    { state: 'released', color: '#f9a825' },
    { state: 'discarded', color: '#757575' }
  ];

  async function loadAudits() {
    const data = await api('/lakehouse/audits?limit=100');
    const batches = asList(data && data.batches);
    const held = batches.filter(batch => batch.state === 'held');
    const line = element('audits-held');
    line.dataset.level = held.length ? 'critical' : batches.length ? 'excellent' : 'none';
    line.textContent = !batches.length ? 'No audited batch yet'
      : held.length ? held.length + ' held: ' + held.map(batch => batch.layer + '.' + batch.table_name + ' '
        + batch.batch + ' (' + asList(batch.failures).join('; ') + ')').join(', ')
        + ' \u2014 ./pipeline audits release|discard'
      : 'Nothing held';
    const tables = [...new Set(batches.map(batch => batch.layer + '.' + batch.table_name))].sort();
    draw('audits-chart', {
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: tables, inverse: true },
      series: AUDIT_STATES.map(({ state, color }) => ({
        type: 'bar',
        stack: 'batches',
        name: state,
        itemStyle: { color },
        data: tables.map(table => batches.filter(batch => batch.state === state
          && batch.layer + '.' + batch.table_name === table).length)
      }))
    }, tables.length);
  }

  // --- Health and refresh ----------------------------------------------------------------------

  async function loadHealth() {
    const pill = element('health');
    try {
      const health = await api('/health');
      const status = String((health && health.status) || 'ok').toLowerCase();
      pill.dataset.status = status === 'healthy' || status === 'up' ? 'ok' : status;
      pill.textContent = 'API: ' + status;
    } catch (error) {
      pill.dataset.status = 'down';
      pill.textContent = 'API: unreachable';
      throw error;
    }
  }

  const SNAPSHOT_PANEL = { title: 'Snapshot timeline', chart: 'snapshots-chart', load: loadSnapshots };
  const TABLE_HEALTH_PANEL = { title: 'Table health', chart: 'table-health-chart', load: loadTableHealth };
  const PANELS = [
    { title: 'API health', load: loadHealth },
    { title: 'Trending movies', chart: 'trending-chart', load: loadTrending },
    { title: 'Genre trends', chart: 'genre-chart', load: loadGenres },
    { title: 'Review sentiment', chart: 'sentiment-chart', load: loadSentiment },
    // The snapshot timeline and the table health need the table list first.
    { title: 'Lakehouse tables', chart: 'tables-chart', load: loadTables, then: [SNAPSHOT_PANEL, TABLE_HEALTH_PANEL] },
    { title: 'Small files', chart: 'maintenance-chart', load: loadMaintenance },
    { title: 'Data quality', chart: 'quality-chart', load: loadQuality },
    { title: 'Quality monitor', chart: 'monitor-chart', load: loadMonitor },
    { title: 'Audits', chart: 'audits-chart', load: loadAudits }
  ];

  async function runPanel(panel, errors) {
    try {
      await panel.load();
    } catch (error) {
      errors.push(panel.title + ': ' + (error instanceof ApiError ? error.message : 'cannot show (' + error + ')'));
      if (panel.chart) {
        showFailed(panel.chart);
      }
      for (const next of panel.then || []) {
        showFailed(next.chart);
      }
      return;
    }
    for (const next of panel.then || []) {
      await runPanel(next, errors);
    }
  }

  function showErrors(errors) {
    const banner = element('banner');
    banner.textContent = errors.join('\n');
    banner.hidden = errors.length === 0;
  }

  async function refresh() {
    if (refreshing) {
      return;
    }
    refreshing = true;
    try {
      if (!window.echarts) {
        showErrors(['The chart library did not load from /webjars/echarts/5.3.1/dist/echarts.min.js.']);
        return;
      }
      const errors = [];
      await Promise.all(PANELS.map(panel => runPanel(panel, errors)));
      showErrors(errors);
      element('last-refresh').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      showErrors(['The dashboard failed to refresh: ' + error]);
    } finally {
      refreshing = false;
    }
  }

  function start() {
    element('refresh').addEventListener('click', refresh);
    element('snapshot-table').addEventListener('change', () => {
      const errors = [];
      runPanel(SNAPSHOT_PANEL, errors).then(() => showErrors(errors));
    });
    window.addEventListener('resize', () => {
      document.querySelectorAll('.chart').forEach(container => {
        const instance = window.echarts && echarts.getInstanceByDom(container);
        if (instance) {
          instance.resize();
        }
      });
    });
    refresh();
    window.setInterval(refresh, REFRESH_MILLIS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
