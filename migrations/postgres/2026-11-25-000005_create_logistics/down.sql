DROP TABLE transit_batch_orders;
DROP TABLE transit_batches;
DROP TABLE deliveries;
DROP TABLE drivers;
