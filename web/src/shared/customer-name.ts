// What to call a customer when some of their fields are missing.
import type { Customer } from './types.ts';

export const customerName = (c: Pick<Customer, 'name' | 'email' | 'externalId'>) => c.name ?? c.email ?? c.externalId ?? 'Unnamed customer';
