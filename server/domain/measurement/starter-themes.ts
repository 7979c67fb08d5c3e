// Common themes of customer feedback, in English, French and German, that a workspace can start
// with and then rename, merge, split or delete.
export const STARTER_THEMES: readonly { name: string; words: string[] }[] = [
  {
    name: 'Delivery',
    words: [
      'delivery',
      'courier',
      'driver',
      'parcel',
      'package',
      'shipping',
      'livraison',
      'livreur',
      'colis',
      'transporteur',
      'Lieferung',
      'Paket',
      'Fahrer',
      'Versand',
      'Kurier',
    ],
  },
  { name: 'Refunds', words: ['refund', 'refunded', 'remboursement', 'remboursé', 'Erstattung', 'Rückerstattung'] },
  {
    name: 'Billing',
    words: ['invoice', 'bill', 'billing', 'charged', 'payment', 'facture', 'paiement', 'débité', 'Rechnung', 'abgebucht', 'Zahlung'],
  },
  {
    name: 'Staff',
    words: ['agent', 'staff', 'advisor', 'conseiller', 'conseillère', 'personnel', 'Mitarbeiter', 'Mitarbeiterin', 'Personal', 'Beratung'],
  },
  { name: 'Waiting', words: ['wait', 'waiting', 'hold', 'queue', 'attente', 'attendre', 'Warteschleife', 'Wartezeit', 'warten'] },
  {
    name: 'Product quality',
    words: [
      'quality',
      'broken',
      'defect',
      'faulty',
      'damaged',
      'qualité',
      'cassé',
      'défectueux',
      'abîmé',
      'Qualität',
      'kaputt',
      'defekt',
      'beschädigt',
    ],
  },
  { name: 'Price and fees', words: ['price', 'fee', 'expensive', 'prix', 'frais', 'cher', 'tarif', 'Preis', 'Gebühr', 'teuer'] },
  { name: 'Returns', words: ['return', 'exchange', 'retour', 'échange', 'Rücksendung', 'Umtausch', 'Rückgabe'] },
  { name: 'App and website', words: ['app', 'website', 'site', 'online', 'application', 'Webseite', 'Website'] },
  {
    name: 'Visits and installation',
    words: ['technician', 'visit', 'installation', 'appointment', 'technicien', 'visite', 'rendez-vous', 'Techniker', 'Termin', 'Besuch'],
  },
];
