// Draws the dashboard's charts from the data the server put on each canvas (data-chart). Suppressed figures arrive as
// null with their text and a mark ("<11" for a small count, "hidden" otherwise), so a chart shows a gap, the mark says
// it is hidden, and the tooltip says why; a figure with no data is a gap with no mark. Runs on load and after
// htmx swaps in new figures.
(function () {
    'use strict';
    const colours = ['#3f51b5', '#00897b', '#e65100', '#6d4c41'];

    function tooltipText(series) {
        return function (context) {
            const text = series[context.datasetIndex].texts[context.dataIndex];
            return context.dataset.label + ': ' + text;
        };
    }

    // Marks each hidden figure on the axis with its text, so a gap in a chart never reads as zero.
    const hiddenMarks = {
        id: 'hiddenMarks',
        afterDatasetsDraw(chart, args, options) {
            const ctx = chart.ctx;
            const horizontal = chart.options.indexAxis === 'y';
            ctx.save();
            ctx.font = '11px system-ui, sans-serif';
            ctx.fillStyle = '#8a4b00';
            chart.data.datasets.forEach((dataset, d) => {
                const meta = chart.getDatasetMeta(d);
                if (meta.hidden) {
                    return;
                }
                dataset.data.forEach((value, i) => {
                    const text = dataset.marks ? dataset.marks[i] : null;
                    if (value !== null || !text) {
                        return;
                    }
                    const element = meta.data[i];
                    if (!element) {
                        return;
                    }
                    if (horizontal) {
                        ctx.textAlign = 'left';
                        ctx.textBaseline = 'middle';
                        ctx.fillText(text, chart.scales.x.getPixelForValue(0) + 4, element.y);
                    } else {
                        ctx.textAlign = 'center';
                        ctx.textBaseline = 'bottom';
                        ctx.save();
                        ctx.translate(element.x, chart.scales.y.getPixelForValue(0) - 4);
                        ctx.rotate(-Math.PI / 2);
                        ctx.textAlign = 'left';
                        ctx.textBaseline = 'middle';
                        ctx.fillText(text, 0, 0);
                        ctx.restore();
                    }
                });
            });
            ctx.restore();
        }
    };

    function barChart(canvas, data, horizontal) {
        return new Chart(canvas, {
            plugins: [hiddenMarks],
            type: 'bar',
            data: {
                labels: data.labels,
                datasets: data.series.map((s, i) => ({
                    label: s.label, data: s.values, marks: s.marks, backgroundColor: colours[i % colours.length]
                }))
            },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                responsive: true, maintainAspectRatio: false, animation: false,
                plugins: {
                    legend: {display: data.series.length > 1},
                    tooltip: {callbacks: {label: tooltipText(data.series)}}
                },
                // counts of people or events: whole numbers on the value axis
                scales: horizontal
                    ? {x: {beginAtZero: true, ticks: {precision: data.counts ? 0 : undefined}}, y: {beginAtZero: true}}
                    : {x: {beginAtZero: true}, y: {beginAtZero: true, ticks: {precision: data.counts ? 0 : undefined}}}
            }
        });
    }

    function retentionChart(canvas, data) {
        return new Chart(canvas, {
            type: 'line',
            data: {
                datasets: [{
                    label: 'Share still out (no relapse or return yet)',
                    data: data.points.map(p => ({x: p.day, y: Math.round(p.shareStillOut * 1000) / 10})),
                    stepped: 'before', borderColor: colours[0], backgroundColor: colours[0], pointRadius: 2
                }]
            },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                scales: {
                    x: {type: 'linear', beginAtZero: true, title: {display: true, text: 'Days since exit'}},
                    y: {min: 0, max: 100, title: {display: true, text: '% still out'}}
                },
                plugins: {legend: {display: false}}
            }
        });
    }

    function draw(root) {
        if (typeof Chart === 'undefined') {
            return;
        }
        root.querySelectorAll('canvas[data-chart]').forEach(canvas => {
            const existing = Chart.getChart(canvas);
            if (existing) {
                existing.destroy();
            }
            const data = JSON.parse(canvas.dataset.chart);
            const kind = canvas.dataset.kind;
            if (kind === 'retention') {
                if (!data.suppressed && data.points.length > 0) {
                    retentionChart(canvas, data);
                }
            } else if (data.labels.length === 0) {
                // nothing to draw: the page says so beside the chart
            } else {
                barChart(canvas, data, kind === 'hbar');
            }
            canvas.dataset.drawn = 'true';
        });
    }

    document.addEventListener('DOMContentLoaded', () => draw(document));
    // after settling: htmx restores the swapped elements' attributes while settling, which would blank a canvas
    document.addEventListener('htmx:afterSettle', () => draw(document));
    window.addEventListener('beforeprint', () => {
        Object.values(Chart.instances || {}).forEach(chart => chart.resize());
    });
}());
