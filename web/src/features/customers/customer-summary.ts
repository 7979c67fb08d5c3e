// A customer's latest score in words for the customers list: "NPS 3 of 10", "CSAT 4 of 5".
const scales: Record<string, { name: string; max: number }> = {
  nps: { name: 'NPS', max: 10 },
  csat: { name: 'CSAT', max: 5 },
  ces: { name: 'CES', max: 7 },
};

export function scoreWords(s: { score: number; kind: string }): string {
  const scale = scales[s.kind];
  return scale ? `${scale.name} ${s.score} of ${scale.max}` : `${s.score}`;
}
