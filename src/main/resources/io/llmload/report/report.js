/* llmload report charts: draws every chart listed in #llmload-charts with uPlot (inlined above).
   Labels are data and are only ever set as text (uPlot uses textContent and canvas text). */
(function () {
  'use strict';
  var PALETTE = {
    light: ['#1f6feb', '#d9480f', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599', '#946800', '#5c5f66'],
    dark: ['#58a6ff', '#ff8c42', '#56d364', '#f778ba', '#a38bff', '#3bc9db', '#e3b341', '#adb5bd']
  };
  var HEIGHT = 240;
  var source = document.getElementById('llmload-charts');
  var specs = source ? JSON.parse(source.textContent) : [];
  var plots = [];
  var printing = false;

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function isDark() {
    return !printing && !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  function num(v) {
    if (v == null || isNaN(v)) return '–';
    var a = Math.abs(v);
    if (a === 0) return '0';
    if (a < 1) return v.toFixed(3);
    if (a < 100) return v.toFixed(1);
    return Math.round(v).toLocaleString('en-US');
  }

  /* Axis ticks: as short as exact, 50 not 50.0. */
  function tick(v) {
    if (v == null) return '';
    return Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 3 });
  }

  /* 1/(1-p) back to a percentile: 10 -> 90%, 1000 -> 99.9%. */
  function nines(v, extra) {
    if (v == null) return '–';
    if (v <= 1) return '0%';
    var digits = Math.max(0, Math.ceil(Math.log10(v) - 1e-9) - 2) + (extra || 0);
    return (100 - 100 / v).toFixed(digits) + '%';
  }

  function xScale(spec) {
    if (spec.x_scale === 'nines') {
      return {
        time: false, distr: 3, log: 10,
        range: function (u, min, max) { return [1, Math.pow(10, Math.max(1, Math.ceil(Math.log10(max || 10) - 1e-9)))]; }
      };
    }
    /* Time starts at the run's start (warmup band included); sweep throughput from zero. */
    return { time: false, range: function (u, min, max) { return [0, max > 0 ? max * (spec.kind === 'xy' ? 1.08 : 1) : 1]; } };
  }

  function xAxis(spec, fg, grid) {
    var axis = { label: spec.x_label, stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    if (spec.x_scale === 'nines') {
      axis.splits = function (u) {
        var out = [];
        for (var v = 1; v <= u.scales.x.max * 1.000001; v *= 10) out.push(v);
        return out;
      };
      axis.values = function (u, splits) { return splits.map(function (v) { return nines(v); }); };
    } else {
      axis.values = function (u, splits) { return splits.map(tick); };
    }
    return axis;
  }

  function xValue(spec) {
    if (spec.x_scale === 'nines') return function (u, v) { return nines(v, 1); };
    if (spec.x_scale === 'seconds') return function (u, v) { return v == null ? '–' : v.toFixed(1) + ' s'; };
    return function (u, v) { return num(v); };
  }

  /* Warmup bands under the data and labelled stage boundaries over it. */
  function timelinePlugin(spec, band, fg) {
    var bands = spec.bands || [];
    var marks = spec.marks || [];
    var font = Math.round(11 * uPlot.pxRatio) + 'px system-ui, sans-serif';
    return {
      hooks: {
        drawClear: [function (u) {
          var ctx = u.ctx;
          bands.forEach(function (b) {
            var x0 = Math.max(u.bbox.left, u.valToPos(b.from, 'x', true));
            var x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(b.to, 'x', true));
            if (x1 <= x0) return;
            ctx.save();
            ctx.fillStyle = band;
            ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
            ctx.fillStyle = fg;
            ctx.font = font;
            ctx.textBaseline = 'top';
            ctx.textAlign = 'left';
            ctx.fillText(b.label, x0 + 4 * uPlot.pxRatio, u.bbox.top + 4 * uPlot.pxRatio);
            ctx.restore();
          });
        }],
        draw: [function (u) {
          var ctx = u.ctx;
          var right = u.bbox.left + u.bbox.width;
          var xs = marks.map(function (m) { return Math.round(u.valToPos(m.at, 'x', true)); });
          marks.forEach(function (m, i) {
            var x = xs[i];
            if (x < u.bbox.left || x > right) return;
            ctx.save();
            ctx.strokeStyle = fg;
            ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
            ctx.lineWidth = uPlot.pxRatio;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = fg;
            ctx.font = font;
            ctx.textBaseline = 'top';
            ctx.textAlign = 'left';
            /* A label gets the room up to the next line; cut with an ellipsis, or left out if nothing fits. */
            var room = (i + 1 < xs.length ? Math.min(xs[i + 1], right) : right) - x - 6 * uPlot.pxRatio;
            var text = fit(ctx, m.label, room);
            if (text) ctx.fillText(text, x + 3 * uPlot.pxRatio, u.bbox.top + 18 * uPlot.pxRatio);
            ctx.restore();
          });
        }]
      }
    };
  }

  function fit(ctx, text, width) {
    if (ctx.measureText(text).width <= width) return text;
    for (var n = text.length - 1; n >= 2; n--) {
      var cut = text.slice(0, n) + '…';
      if (ctx.measureText(cut).width <= width) return cut;
    }
    return '';
  }

  /* Sweep curves: a dot per point (uPlot draws none in xy mode) and its setting beside it,
     skipping labels that would overlap one already drawn. */
  function pointsPlugin(spec, fg, palette) {
    if (spec.kind !== 'xy') return { hooks: {} };
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          var r = 3 * uPlot.pxRatio;
          var taken = [];
          ctx.save();
          ctx.font = Math.round(10 * uPlot.pxRatio) + 'px system-ui, sans-serif';
          ctx.textBaseline = 'bottom';
          ctx.textAlign = 'left';
          spec.series.forEach(function (s, si) {
            if (!u.series[si + 1].show) return;
            ctx.fillStyle = palette[s.color % palette.length];
            for (var i = 0; i < s.x.length; i++) {
              if (s.y[i] == null || s.x[i] == null) continue;
              var x = u.valToPos(s.x[i], 'x', true);
              var y = u.valToPos(s.y[i], 'y', true);
              ctx.beginPath();
              ctx.arc(x, y, r, 0, 2 * Math.PI);
              ctx.fill();
            }
          });
          ctx.fillStyle = fg;
          spec.series.forEach(function (s, si) {
            if (!s.point_labels || !u.series[si + 1].show) return;
            for (var i = 0; i < s.x.length; i++) {
              if (s.y[i] == null || s.x[i] == null) continue;
              var box = {
                x: u.valToPos(s.x[i], 'x', true) + 2 * r,
                y: u.valToPos(s.y[i], 'y', true) - r,
                w: ctx.measureText(s.point_labels[i]).width,
                h: 12 * uPlot.pxRatio
              };
              var overlaps = taken.some(function (t) {
                return box.x < t.x + t.w && t.x < box.x + box.w && box.y - box.h < t.y && t.y - t.h < box.y;
              });
              if (overlaps) continue;
              taken.push(box);
              ctx.fillText(s.point_labels[i], box.x, box.y);
            }
          });
          ctx.restore();
        }]
      }
    };
  }

  function data(spec) {
    if (spec.kind === 'xy') {
      return [null].concat(spec.series.map(function (s) { return [s.x, s.y]; }));
    }
    if (spec.series.length === 1) return [spec.series[0].x, spec.series[0].y];
    return uPlot.join(spec.series.map(function (s) { return [s.x, s.y]; }));
  }

  function options(spec, width) {
    var palette = isDark() ? PALETTE.dark : PALETTE.light;
    /* Paper is white whatever the screen's scheme. */
    var fg = printing ? '#444' : cssVar('--muted') || '#666';
    var grid = printing ? 'rgba(0,0,0,.12)' : cssVar('--grid') || 'rgba(128,128,128,.2)';
    var band = printing ? 'rgba(0,0,0,.07)' : cssVar('--band') || 'rgba(128,128,128,.12)';
    var xy = spec.kind === 'xy';
    /* Band labels take the top line of the plot, stage labels the second. */
    var headroom = (spec.marks || []).length > 0 ? 1.3 : (spec.bands || []).length > 0 ? 1.2 : 1.08;
    var series = [{ label: spec.x_label, value: xValue(spec) }];
    spec.series.forEach(function (s) {
      var color = palette[s.color % palette.length];
      series.push({
        label: s.label,
        stroke: color,
        width: 2,
        dash: s.dash ? [6, 4] : undefined,
        spanGaps: false,
        points: { show: false },
        paths: xy ? uPlot.paths.linear() : undefined,
        value: function (u, v) { return num(v); }
      });
    });
    return {
      width: width,
      height: HEIGHT,
      mode: xy ? 2 : 1,
      padding: [10, 28, 0, 0], /* room on the right for the last x label, e.g. 99.999% */
      scales: {
        x: xScale(spec),
        /* Headroom above the data; more where band and stage labels sit at the top. */
        y: { range: function (u, min, max) { return [0, max > 0 ? max * headroom : 1]; } }
      },
      axes: [
        xAxis(spec, fg, grid),
        { label: spec.y_label, stroke: fg, size: 56, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
          values: function (u, splits) { return splits.map(tick); } }
      ],
      series: series,
      legend: { live: !xy },
      cursor: xy ? { show: false } : { points: { size: 6 } },
      plugins: [timelinePlugin(spec, band, fg), pointsPlugin(spec, fg, palette)]
    };
  }

  function drawAll() {
    plots.forEach(function (p) { p.plot.destroy(); });
    plots = [];
    specs.forEach(function (spec) {
      var box = document.querySelector('[data-chart="' + spec.id + '"]');
      if (!box) return;
      box.textContent = '';
      try {
        var plot = new uPlot(options(spec, Math.max(200, box.clientWidth)), data(spec), box);
        plots.push({ plot: plot, box: box });
      } catch (e) {
        box.textContent = 'This chart could not be drawn.';
        console.error('llmload: chart ' + spec.id + ' failed: ' + e);
      }
    });
    document.documentElement.setAttribute('data-charts', String(plots.length));
  }

  function resizeAll() {
    plots.forEach(function (p) {
      var w = Math.max(200, p.box.clientWidth);
      if (Math.abs(w - p.plot.width) > 1) p.plot.setSize({ width: w, height: HEIGHT });
    });
  }

  drawAll();
  if (window.ResizeObserver) {
    var pending = 0;
    var observer = new ResizeObserver(function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(resizeAll);
    });
    plots.forEach(function (p) { observer.observe(p.box); });
  }
  if (window.matchMedia) {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', drawAll);
  }
  window.addEventListener('beforeprint', function () {
    printing = true;
    if (isDarkScreen()) drawAll();
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    if (isDarkScreen()) drawAll();
    resizeAll();
  });

  function isDarkScreen() {
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }
})();
