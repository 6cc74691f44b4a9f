// Draws the report's charts from the JSON above, then marks where each chart is (data-box) so that tools and
// tests can check the page as a person sees it.
(function () {
  'use strict';
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.color = '#374151';
  var specs = JSON.parse(document.getElementById('edpipe-charts').textContent);
  var rendered = 0;
  specs.forEach(function (spec) {
    var figure = document.getElementById('chart-' + spec.id);
    var config = spec.config;
    if (config.type === 'scatter') {
      config.options.plugins.tooltip = {
        callbacks: {
          label: function (context) {
            var point = context.raw;
            return (point.label ? point.label + ': ' : '') + '(' + context.parsed.x + ', ' + context.parsed.y + ')';
          }
        }
      };
    }
    try {
      new Chart(figure.querySelector('canvas'), config);
      rendered++;
    } catch (error) {
      figure.dataset.error = String(error);
      figure.insertAdjacentHTML('beforeend', '<p class="more">This chart could not be drawn.</p>');
    }
  });
  function mark() {
    specs.forEach(function (spec) {
      var figure = document.getElementById('chart-' + spec.id);
      var box = figure.getBoundingClientRect();
      if (!figure.dataset.error) {
        figure.dataset.rendered = 'true';
      }
      figure.dataset.box = [
        Math.round(box.left + window.scrollX), Math.round(box.top + window.scrollY),
        Math.round(box.width), Math.round(box.height)
      ].join(',');
    });
    document.body.dataset.charts = String(rendered);
  }
  mark();
  window.addEventListener('resize', mark);
})();
