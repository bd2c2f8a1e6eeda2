-- The sample resource. varchar(64) counts characters, as the API's limit does; the CHECK keeps an empty status out
-- even when a row comes from elsewhere than the API.
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status varchar(64) NOT NULL CHECK (status <> '')
);
