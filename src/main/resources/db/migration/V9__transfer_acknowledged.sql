-- The receiving side's acknowledgement of a record it stored: when and by whom it was signed, to be carried back.
ALTER TABLE transfer_in ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfer_in ADD COLUMN acknowledged_by VARCHAR(200);
