// Her assessment scores over time: one line chart per instrument, the first and the latest reading marked (the
// Outcomes Star habit), each with the same figures as a table for screen readers and print.
(function () {
    'use strict';
    function draw() {
        var box = document.getElementById('assessment-charts');
        if (!box || !window.Chart) {
            return;
        }
        var charts = JSON.parse(box.getAttribute('data-charts') || '[]');
        var colours = ['#1f5f8b', '#b35c1e', '#3d7a3d', '#7a3d7a', '#6b6b1f', '#1f6b6b'];
        charts.forEach(function (chart) {
            var figure = document.createElement('figure');
            figure.className = 'assessment-chart';
            var caption = document.createElement('figcaption');
            caption.textContent = chart.instrument + ': ' + chart.readings + ' readings, first on ' + chart.first +
                    ', latest on ' + chart.latest;
            figure.appendChild(caption);
            var holder = document.createElement('div');
            holder.className = 'chart small-chart';
            var canvas = document.createElement('canvas');
            canvas.setAttribute('role', 'img');
            canvas.setAttribute('aria-label', 'Scores of ' + chart.instrument + ' over time');
            canvas.setAttribute('data-instrument', chart.instrument);
            holder.appendChild(canvas);
            figure.appendChild(holder);
            var table = document.createElement('table');
            table.className = 'visually-hidden';
            var head = '<tr><th scope="col">Date</th>' + chart.series.map(function (s) {
                return '<th scope="col"></th>';
            }).join('') + '</tr>';
            table.innerHTML = '<thead>' + head + '</thead><tbody></tbody>';
            var ths = table.querySelectorAll('thead th');
            chart.series.forEach(function (s, i) {
                ths[i + 1].textContent = s.label;
            });
            var tbody = table.querySelector('tbody');
            chart.labels.forEach(function (label, row) {
                var tr = document.createElement('tr');
                var td = document.createElement('td');
                td.textContent = label;
                tr.appendChild(td);
                chart.series.forEach(function (s) {
                    var cell = document.createElement('td');
                    cell.textContent = s.values[row] === null ? '' : String(s.values[row]);
                    tr.appendChild(cell);
                });
                tbody.appendChild(tr);
            });
            figure.appendChild(table);
            box.appendChild(figure);
            var last = chart.labels.length - 1;
            new window.Chart(canvas, {
                type: 'line',
                data: {
                    labels: chart.labels,
                    datasets: chart.series.map(function (s, i) {
                        return {
                            label: s.label,
                            data: s.values,
                            borderColor: colours[i % colours.length],
                            backgroundColor: colours[i % colours.length],
                            spanGaps: true,
                            pointRadius: s.values.map(function (v, j) {
                                return j === 0 || j === last ? 7 : 3;
                            }),
                            pointStyle: s.values.map(function (v, j) {
                                return j === 0 ? 'rectRot' : j === last ? 'triangle' : 'circle';
                            })
                        };
                    })
                },
                options: {
                    animation: false,
                    maintainAspectRatio: false,
                    plugins: {
                        subtitle: {display: true, text: 'Diamond: first reading · triangle: latest reading'}
                    }
                }
            });
            canvas.setAttribute('data-drawn', 'true');
        });
    }
    if (document.readyState === 'complete') {
        draw();
    } else {
        window.addEventListener('load', draw);
    }
})();
