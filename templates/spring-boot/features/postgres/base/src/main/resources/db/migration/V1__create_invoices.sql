CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status varchar(64) NOT NULL CHECK (status <> '')
);
