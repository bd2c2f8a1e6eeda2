import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The `invoices` table as migrations/ create it. Column types are spelled out: nothing is inferred. */
@Entity({ name: 'invoices' })
export class Invoice {
  // bigint: TypeORM returns it as a string, which stays exact; the service turns it into a number (ids stay below 2^53).
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  status: string;
}
