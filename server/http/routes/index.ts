// Every API route, in the order the OpenAPI document lists them.
import type { RouteDef } from '../route.ts';
import { customerRoutes } from './customers.ts';
import { departmentRoutes } from './departments.ts';
import { eventRoutes } from './events.ts';
import { sessionRoutes } from './session.ts';
import { staffRoutes } from './staff.ts';

export const apiRoutes = (): RouteDef[] => [...eventRoutes, ...customerRoutes, ...departmentRoutes, ...sessionRoutes(), ...staffRoutes];
