-- The dashboard read model as a separate dashboard process fills it from the integration stream on Kafka
-- (journey.events.v1): the same facts as dashboard_fact, plus the ids of the events already applied, so that a
-- redelivered event (at-least-once delivery) changes nothing. Several such processes may share it, each consuming
-- some of the topic's partitions as one consumer group.
CREATE SCHEMA IF NOT EXISTS kafka_dashboard;

CREATE TABLE kafka_dashboard.dashboard_fact (LIKE public.dashboard_fact INCLUDING ALL);

CREATE TABLE kafka_dashboard.applied_event (
    event_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
