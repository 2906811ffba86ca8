-- Each entry follows exactly one: no two entries may chain onto the same previous hash. Two writers appending at once
-- (the server and the command line, or two logs in one process) could otherwise both chain onto the same last entry
-- and fork the trail; with this, the second one's insert fails and it reads the chain's end again.
CREATE UNIQUE INDEX audit_entry_follows ON audit_entry (previous_hash);
