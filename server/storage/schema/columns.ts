// Column types shared by the table types.
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<Record<string, unknown>, string, string>;
export type Count = ColumnType<number, number | undefined, number>;
export type Money = ColumnType<string, number | string, number | string>;
