// Interactive metric charts of a warroom report: the series, its baseline band and the anomalous
// window, a hover read-out (time, value, band) and drag-to-zoom (double-click or "reset" to undo).
// Self-contained, no library, no network: the UI works offline. Data: the report's JSON evidence
// charts, embedded in the page as <script type="application/json" id="chart-data">.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 760, H = 230, L = 64, R = 12, T = 12, B = 30;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function num(v) { return v !== null && v !== undefined && isFinite(v); }
  function fmt(v) {
    if (!num(v)) return '-';
    var a = Math.abs(v);
    return a >= 1e5 || (a > 0 && a < 1e-3) ? v.toExponential(3) : String(Math.round(v * 1000) / 1000);
  }
  function iso(t) { return new Date(t).toISOString().replace('T', ' ').replace('.000Z', 'Z'); }

  function Chart(host, chart) {
    this.c = chart;
    this.t = chart.timestamps.map(Date.parse);
    this.full = [this.t[0], this.t[this.t.length - 1]];
    this.view = this.full.slice();
    this.hl = chart.highlight ? [Date.parse(chart.highlight.start), Date.parse(chart.highlight.end)] : null;
    var bar = host.appendChild(document.createElement('div'));
    bar.className = 'chart-bar';
    this.readout = bar.appendChild(document.createElement('span'));
    this.readout.className = 'readout';
    this.readout.textContent = 'hover for values; drag to zoom';
    var reset = bar.appendChild(document.createElement('button'));
    reset.className = 'reset';
    reset.textContent = 'reset zoom';
    var self = this;
    reset.onclick = function () { self.view = self.full.slice(); self.draw(); };
    this.svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'ichart'}, host);
    this.draw();
    this.listen();
  }

  Chart.prototype.visible = function () {
    var out = [];
    for (var i = 0; i < this.t.length; i++) {
      if (this.t[i] >= this.view[0] && this.t[i] <= this.view[1]) out.push(i);
    }
    return out;
  };

  Chart.prototype.draw = function () {
    var c = this.c, t = this.t, svg = this.svg, idx = this.visible();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var lo = Infinity, hi = -Infinity;
    idx.forEach(function (i) {
      var vs = [c.values[i]];
      if (c.band) vs.push(c.band.lower[i], c.band.upper[i]);
      vs.forEach(function (v) { if (num(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    });
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi === lo) hi = lo + 1;
    var pad = (hi - lo) * 0.05;
    lo -= pad; hi += pad;
    var x0 = this.view[0], x1 = Math.max(this.view[1], x0 + 1);
    var sx = this.sx = function (v) { return L + (v - x0) / (x1 - x0) * (W - L - R); };
    var sy = this.sy = function (v) { return T + (hi - v) / (hi - lo) * (H - T - B); };
    this.inv = function (px) { return x0 + (px - L) / (W - L - R) * (x1 - x0); };
    svg.setAttribute('data-start', new Date(x0).toISOString());
    svg.setAttribute('data-end', new Date(x1).toISOString());
    el('rect', {x: L, y: T, width: W - L - R, height: H - T - B, 'class': 'plot'}, svg);
    if (this.hl) {
      var a = Math.max(sx(this.hl[0]), L), b = Math.min(sx(this.hl[1]), W - R);
      if (b > a) el('rect', {x: a, y: T, width: b - a, height: H - T - B, 'class': 'anomaly'}, svg);
    }
    if (c.band) {
      var up = [], down = [];
      idx.forEach(function (i) {
        if (num(c.band.lower[i]) && num(c.band.upper[i])) {
          up.push(sx(t[i]) + ',' + sy(c.band.upper[i]));
          down.unshift(sx(t[i]) + ',' + sy(c.band.lower[i]));
        }
      });
      if (up.length) el('polygon', {points: up.concat(down).join(' '), 'class': 'band'}, svg);
    }
    var pts = idx.filter(function (i) { return num(c.values[i]); })
      .map(function (i) { return sx(t[i]) + ',' + sy(c.values[i]); });
    el('polyline', {points: pts.join(' '), 'class': 'series'}, svg);
    [[hi - pad, T + 10], [lo + pad, H - B - 2]].forEach(function (p) {
      el('text', {x: L - 4, y: p[1], 'class': 'axis', 'text-anchor': 'end'}, svg).textContent = fmt(p[0]);
    });
    if (c.unit) el('text', {x: 4, y: T + 2, 'class': 'axis unit'}, svg).textContent = c.unit;
    el('text', {x: L, y: H - 8, 'class': 'axis'}, svg).textContent = iso(x0);
    el('text', {x: W - R, y: H - 8, 'class': 'axis', 'text-anchor': 'end'}, svg).textContent = iso(x1);
    this.cursor = el('line', {x1: -9, x2: -9, y1: T, y2: H - B, 'class': 'cursor'}, svg);
    this.dot = el('circle', {cx: -9, cy: -9, r: 3.5, 'class': 'dot'}, svg);
    this.sel = el('rect', {x: 0, y: T, width: 0, height: H - T - B, 'class': 'selection'}, svg);
  };

  Chart.prototype.px = function (ev) {
    var r = this.svg.getBoundingClientRect();
    return (ev.clientX - r.left) * W / r.width;
  };

  // The sample nearest to time tm among the visible ones (binary search, t is increasing).
  Chart.prototype.nearest = function (tm) {
    var t = this.t, lo = 0, hi = t.length - 1;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (t[mid] < tm) lo = mid; else hi = mid;
    }
    return Math.abs(t[lo] - tm) <= Math.abs(t[hi] - tm) ? lo : hi;
  };

  Chart.prototype.show = function (px) {
    var c = this.c, i = this.nearest(this.inv(px));
    if (this.t[i] < this.view[0] || this.t[i] > this.view[1]) return;
    var x = this.sx(this.t[i]);
    this.cursor.setAttribute('x1', x);
    this.cursor.setAttribute('x2', x);
    if (num(c.values[i])) {
      this.dot.setAttribute('cx', x);
      this.dot.setAttribute('cy', this.sy(c.values[i]));
    }
    var text = iso(this.t[i]) + '  value ' + fmt(c.values[i]);
    if (c.band && num(c.band.lower[i])) {
      text += '  baseline ' + fmt(c.band.lower[i]) + ' .. ' + fmt(c.band.upper[i]);
    }
    if (this.hl && this.t[i] >= this.hl[0] && this.t[i] <= this.hl[1]) text += '  (anomalous window)';
    this.readout.textContent = this.c.unit ? text + ' (' + this.c.unit + ')' : text;
  };

  Chart.prototype.listen = function () {
    var self = this, start = null;
    this.svg.addEventListener('mousedown', function (ev) { start = self.px(ev); ev.preventDefault(); });
    this.svg.addEventListener('mousemove', function (ev) {
      var p = self.px(ev);
      if (start !== null) {
        self.sel.setAttribute('x', Math.min(start, p));
        self.sel.setAttribute('width', Math.abs(p - start));
      }
      self.show(p);
    });
    window.addEventListener('mouseup', function (ev) {
      if (start === null) return;
      var p = self.px(ev), a = Math.max(Math.min(start, p), L), b = Math.min(Math.max(start, p), W - R);
      start = null;
      self.sel.setAttribute('width', 0);
      if (b - a > 4) {
        var v0 = self.inv(a), v1 = self.inv(b);
        // keep at least two samples in view
        if (self.t.filter(function (x) { return x >= v0 && x <= v1; }).length >= 2) {
          self.view = [v0, v1];
          self.draw();
        }
      }
    });
    this.svg.addEventListener('dblclick', function () { self.view = self.full.slice(); self.draw(); });
  };

  var data = document.getElementById('chart-data');
  if (!data) return;
  JSON.parse(data.textContent).forEach(function (item) {
    var host = document.getElementById(item.host);
    if (host && item.chart && item.chart.timestamps.length > 1) new Chart(host, item.chart);
  });
})();
