import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoices1764547200000 implements MigrationInterface {
  name = 'CreateInvoices1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE invoices (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      status varchar(64) NOT NULL CHECK (status <> '')
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE invoices');
  }
}
