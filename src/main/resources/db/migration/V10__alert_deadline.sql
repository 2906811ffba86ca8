-- For each child, the first day on which a rule's deadline passes if nothing more is recorded (an assessment not
-- completed, a conference not held): the clock's sweep evaluates the child's rules again once that day has gone, so
-- that an alert about something not done is raised on time, not only when the next event arrives. Derived from the
-- record like the alerts: replaying the store rebuilds it.
CREATE TABLE alert_deadline (
    person_id BIGINT NOT NULL PRIMARY KEY REFERENCES person (id),
    due_on    DATE NOT NULL
);
CREATE INDEX alert_deadline_due ON alert_deadline (due_on);
