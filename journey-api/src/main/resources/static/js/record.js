// The staff pages' record forms (RecordForms): each is sent as JSON to the API endpoint it names, with the
// Idempotency-Key made when the form was rendered (a second click, or a retry after a lost answer, records once),
// If-Match with the version of her record the page was read at (someone else's record since is refused, with a link to
// reload), and the purpose given for this session. The API's answer decides everything: on success the page reloads;
// on a problem its detail is shown at the top of the form and beside the field it concerns, and nothing is recorded.
(function () {
    'use strict';

    // The field a broken journey rule concerns (the API names the rule, not the field).
    var RULE_FIELDS = {
        'already-in-programme': 'programmeId', 'not-in-programme': 'programmeId', 'unknown-programme': 'programmeId',
        'dated-before-enrolment': 'occurredOn', 'dated-in-future': 'occurredOn', 'exit-before-entry': 'occurredOn',
        'entry-before-previous-exit': 'occurredOn', 'unknown-module': 'moduleId', 'unknown-peer': 'peerId',
        'peer-already-mentor': 'peerId', 'peer-not-mentor': 'path:peerId', 'unknown-plan': 'path:planId',
        'plan-closed': 'path:planId', 'same-step': 'step', 'unknown-goal': 'path:goalId',
        'goal-not-active': 'path:goalId', 'unknown-safety-plan': 'path:safetyPlanId',
        'unknown-helper': 'path:helperId', 'unknown-consent': 'path:consentId',
        'consent-already-withdrawn': 'path:consentId', 'consent-expires-before-given': 'expiresOn',
        'invalid-scores': 'itemScores', 'unknown-instrument': 'instrument'
    };

    // A header value as UTF-8 bytes: browsers send header text as Latin-1, the API reads it as UTF-8.
    function utf8Header(text) {
        return unescape(encodeURIComponent(text));
    }

    // A new key for the form's next request: the API keeps a refused request's answer for its key, so a form sent
    // again after a correction of its fields is a new request. (A request whose answer was lost keeps its key.)
    function newKey(form) {
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        form.setAttribute('data-key', Array.prototype.map.call(bytes, function (b) {
            return ('0' + b.toString(16)).slice(-2);
        }).join(''));
    }

    function body(form) {
        var json = {};
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || el.disabled || el.name.indexOf('path:') === 0 || el.type === 'submit'
                    || el.hasAttribute('data-confirmation')) {
                return;
            }
            if (el.type === 'checkbox') {
                json[el.name] = json[el.name] || [];
                if (el.checked) {
                    json[el.name].push(el.value);
                }
                return;
            }
            var value = el.value;
            if (el.hasAttribute('data-original')) {
                if (value === el.getAttribute('data-original')) {
                    return; // a correction sends only what changed
                }
            } else if (value.trim() === '') {
                return;
            }
            if (el.type === 'number' && /^-?\d{1,15}$/.test(value.trim())) {
                value = Number(value.trim());
            }
            var dot = el.name.indexOf('.');
            if (dot > 0) {
                var map = el.name.substring(0, dot);
                json[map] = json[map] || {};
                json[map][el.name.substring(dot + 1)] = value;
            } else {
                json[el.name] = value;
            }
        });
        Object.keys(json).forEach(function (k) {
            if (Array.isArray(json[k]) && json[k].length === 0) {
                delete json[k];
            }
        });
        return json;
    }

    function endpoint(form) {
        return form.getAttribute('data-endpoint').replace(/\{(\w+)\}/g, function (all, name) {
            var choice = form.querySelector('[name="path:' + name + '"]');
            return choice ? encodeURIComponent(choice.value.trim()) : all;
        });
    }

    function clear(form) {
        var summary = form.querySelector('.error-summary');
        summary.hidden = true;
        form.querySelectorAll('.field-error').forEach(function (p) {
            p.hidden = true;
            p.textContent = '';
        });
        form.querySelectorAll('[aria-invalid]').forEach(function (el) {
            el.removeAttribute('aria-invalid');
        });
        var links = summary.querySelector('.error-links');
        if (links) {
            links.remove();
        }
    }

    /**
     * The error summary lists each field it concerns as a link that takes the focus there, so that a keyboard or
     * screen reader user reaches the field from the summary (which takes the focus when it shows).
     */
    function linkToField(form, input, message) {
        var summary = form.querySelector('.error-summary');
        var list = summary.querySelector('.error-links');
        if (!list) {
            list = document.createElement('ul');
            list.className = 'error-links';
            summary.appendChild(list);
        }
        var label = input.id ? form.querySelector('label[for="' + input.id + '"]') : null;
        var name = label ? label.childNodes[0].textContent.trim() : input.name;
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#' + input.id;
        link.textContent = name + ': ' + message;
        link.addEventListener('click', function (event) {
            event.preventDefault();
            input.focus();
        });
        item.appendChild(link);
        list.appendChild(item);
    }

    function fieldError(form, name, message) {
        var box = form.querySelector('[data-field="' + name + '"]');
        if (!box && name.indexOf('path:') === 0) {
            var select = form.querySelector('[name="' + name + '"]');
            box = select && select.closest('.field');
        }
        if (!box && name.indexOf('.') > 0) {
            box = form.querySelector('[data-field="' + name.substring(0, name.indexOf('.')) + '"]');
        }
        if (!box) {
            return false;
        }
        var p = box.querySelector('.field-error');
        if (p) {
            p.textContent = message;
            p.hidden = false;
        }
        var input = box.querySelector('input, select, textarea');
        if (input) {
            input.setAttribute('aria-invalid', 'true');
            if (input.id) {
                linkToField(form, input, message);
            }
        }
        return true;
    }

    function showProblem(form, status, problem) {
        var summary = form.querySelector('.error-summary');
        var detail = summary.querySelector('.error-detail');
        detail.textContent = '';
        if (status === 412) {
            summary.querySelector('.error-title').textContent = 'Her record changed since you opened this page';
            detail.appendChild(document.createTextNode(
                'Someone recorded something in her record after this page was opened, so this was not recorded. '));
            var reload = document.createElement('a');
            reload.href = window.location.pathname;
            reload.className = 'reload';
            reload.textContent = 'Reload her record to see the latest, then record again.';
            detail.appendChild(reload);
        } else {
            summary.querySelector('.error-title').textContent = 'This was not recorded';
            detail.textContent = (problem && problem.detail) ||
                'The platform could not record this (' + status + '). Try again in a moment.';
            var errors = (problem && problem.errors) || [];
            errors.forEach(function (e) {
                fieldError(form, e.field, e.message);
            });
            if (problem && problem.rule && RULE_FIELDS[problem.rule]) {
                fieldError(form, RULE_FIELDS[problem.rule], problem.detail);
            }
        }
        summary.hidden = false;
        summary.focus();
    }

    function done(form, accepted) {
        var then = form.getAttribute('data-then');
        form.querySelector('.status').textContent = 'Recorded.';
        var version = accepted && accepted.version !== undefined ? accepted.version : '';
        if (then === 'participant' && accepted && accepted.participantId) {
            window.location.assign('/participants/' + encodeURIComponent(accepted.participantId) + '?recorded=' + version);
        } else if (then === 'grant' && accepted && accepted.participantId) {
            window.location.assign('/participants/' + encodeURIComponent(accepted.participantId));
        } else if (then === 'admin' && accepted && accepted.participantId) {
            window.location.assign('/admin?erased=' + encodeURIComponent(accepted.participantId));
        } else if (then === 'reload-page') {
            window.location.reload();
        } else if (then === 'back') {
            var participant = window.location.pathname.split('/entries/')[0];
            window.location.assign(participant + '?recorded=' + version);
        } else {
            window.location.assign(window.location.pathname + '?recorded=' + version + '#record-heading');
        }
    }

    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.classList || !form.classList.contains('record')) {
            return;
        }
        event.preventDefault();
        if (form.getAttribute('data-busy') === 'true') {
            return;
        }
        var confirmation = form.querySelector('[data-confirmation]');
        if (confirmation && !confirmation.checked) {
            clear(form);
            showProblem(form, 0, {detail: 'Tick the box to confirm: nothing was sent.'});
            fieldError(form, 'confirmation', 'Tick this box to confirm.');
            return;
        }
        form.setAttribute('data-busy', 'true');
        clear(form);
        form.querySelector('.status').textContent = 'Recording…';
        var headers = {
            'Content-Type': 'application/json',
            'Accept': 'application/json, application/problem+json',
            'Idempotency-Key': form.getAttribute('data-key')
        };
        var version = form.getAttribute('data-version');
        if (version !== null && version !== '') {
            headers['If-Match'] = '"' + version + '"';
        }
        var purpose = document.body.getAttribute('data-purpose');
        if (purpose) {
            headers['X-Access-Purpose'] = utf8Header(purpose);
        }
        fetch(endpoint(form), {
            method: 'POST',
            credentials: 'same-origin',
            headers: headers,
            body: JSON.stringify(body(form))
        }).then(function (response) {
            return response.text().then(function (text) {
                var parsed = null;
                try {
                    parsed = text ? JSON.parse(text) : null;
                } catch (e) {
                    parsed = null;
                }
                if (response.ok) {
                    done(form, parsed);
                } else {
                    // a refusal is the answer kept for the key; "still running" (409 request-in-progress), a time-out
                    // and "too many requests" are not, and the same key must go again so that it records once
                    var inProgress = parsed && typeof parsed.type === 'string'
                            && parsed.type.indexOf('request-in-progress') >= 0;
                    if (response.status >= 400 && response.status < 500 && !inProgress
                            && response.status !== 408 && response.status !== 429) {
                        newKey(form);
                    }
                    form.setAttribute('data-busy', 'false');
                    form.querySelector('.status').textContent = '';
                    showProblem(form, response.status, parsed);
                }
            });
        }).catch(function () {
            form.setAttribute('data-busy', 'false');
            form.querySelector('.status').textContent = '';
            showProblem(form, 0, {detail: 'The platform could not be reached. Nothing is lost: send the form again '
                    + 'when the connection is back; it is recorded once.'});
        });
    });
})();
