-- The staff pages' work for today (issue 18) asks, for every participant of a caseworker's programmes, whether she was
-- erased and which of her entries were corrected or retracted. Those rows are few (a few in a hundred); without an
-- index each question read all her rows, or the whole table. A partial index holds just them.
CREATE INDEX timeline_entry_amendment ON timeline_entry (participant_id, event_type)
    WHERE event_type IN ('event-corrected', 'event-retracted', 'participant-erased');
