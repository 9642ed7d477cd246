ALTER TABLE drivers RESET (fillfactor);
