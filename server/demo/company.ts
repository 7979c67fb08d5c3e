// Brightline Home, the demo's made-up company: its departments and staff, what it sells, who
// delivers and visits, and the names its customers are drawn from (demo-data.ts tells their stories).
import type { Role } from '../../contract/common.ts';

// Colours are dark enough for white text (contrast at least 4.5:1) and far apart in hue.
export const demoDepartments = [
  { key: 'sales', name: 'Sales', colour: '#7e22ce' },
  { key: 'billing', name: 'Billing', colour: '#1d4ed8' },
  { key: 'warehouse', name: 'Warehouse', colour: '#be123c' },
  { key: 'logistics', name: 'Logistics', colour: '#b45309' },
  { key: 'support', name: 'Support', colour: '#047857' },
  { key: 'field-service', name: 'Field service', colour: '#0e7490' },
] as const;

export type DepartmentKey = (typeof demoDepartments)[number]['key'];

export const demoAdminEmail = 'demo@kept.local';

export const demoStaff: { email: string; name: string; role: Role; departments: DepartmentKey[] }[] = [
  { email: demoAdminEmail, name: 'Demo Admin', role: 'admin', departments: [] },
  { email: 'maya.fischer@kept.local', name: 'Maya Fischer', role: 'manager', departments: ['support', 'billing'] },
  { email: 'tom.becker@kept.local', name: 'Tom Becker', role: 'agent', departments: ['support'] },
  { email: 'lina.haddad@kept.local', name: 'Lina Haddad', role: 'agent', departments: ['billing', 'sales'] },
  { email: 'jonas.berg@kept.local', name: 'Jonas Berg', role: 'agent', departments: ['logistics', 'warehouse'] },
  { email: 'sofia.rossi@kept.local', name: 'Sofia Rossi', role: 'agent', departments: ['field-service'] },
];

export const firstNames =
  'Emma Liam Sophie Noah Olivia Lucas Mila Daan Aisha Mohammed Yara Omar Hannah Finn Lea Jan Sara Ahmed Julia Tim Zoë Kofi Amara Chen Mei Ravi Priya Anika Mateo Lucía Sven Ingrid Pieter Fleur Bram Nadia Youssef Elif Mehmet Ana Tomás Chloé Hugo Marta Ewa Piotr Lars Freya Niamh Kai'.split(
    ' ',
  );
export const lastNames =
  'de Vries|Jansen|Bakker|Visser|Smit|Meijer|Mulder|Bos|Vos|Peters|Hendriks|Dekker|Müller|Schmidt|Schneider|Fischer|Weber|Wagner|Dubois|Laurent|Moreau|García|Fernández|Rossi|Bianchi|Kowalski|Nowak|Andersson|Nilsson|Larsen|Hansen|Öztürk|Yılmaz|El Amrani|Benali|Okafor|Mensah|Patel|Sharma|Nguyen|Tanaka|Kim|Wang|Murphy|Kelly|Walsh|Silva|Costa|Novak|Horváth'.split(
    '|',
  );
export const mailDomains = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'];

export const products = [
  { sku: 'HUB-2-WHT', name: 'Brightline Hub 2', price: 14900 },
  { sku: 'THM-T3', name: 'Smart Thermostat T3', price: 19900 },
  { sku: 'SNS-DR-4', name: 'Door Sensor (4-pack)', price: 5900 },
  { sku: 'CAM-C1', name: 'Indoor Camera C1', price: 8900 },
  { sku: 'DBL-D2', name: 'Video Doorbell D2', price: 17900 },
  { sku: 'SMK-S2', name: 'Smoke Alarm S2', price: 4900 },
  { sku: 'PLG-2', name: 'Smart Plug (2-pack)', price: 3400 },
  { sku: 'SNS-WL', name: 'Water Leak Sensor', price: 2900 },
];
export const plans = [
  { name: 'Monitoring Basic', price: 699 },
  { name: 'Monitoring Plus', price: 1299 },
];
export const carriers = ['DHL', 'PostNL', 'DPD', 'UPS', 'GLS'] as const;
export const technicians = ['Ruben Claes', 'Fatima Zahra', 'Erik Lund', 'Marco Bruno'];
export const agents = ['Tom Becker', 'Lina Haddad', 'Maya Fischer'];
export const everydayTickets = [
  ['How do I reset the hub?', 'Walked the customer through a factory reset'],
  ['Camera shows offline in the app', 'Wi-Fi channel changed; camera back online'],
  ['Change my delivery address', 'Address updated before dispatch'],
  ['Question about my invoice', 'Explained the pro-rated first month'],
  ['Door sensor battery drains fast', 'Sent replacement batteries'],
] as const;
