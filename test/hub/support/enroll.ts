/** What the hub answers a desk (or a supervisor) that enrols with a valid code. */
export interface Enrolment {
  workstationId: string;
  token: string;
}

/** Enrols at the hub as a desk does, POST /enroll with a code the hub issued; throws unless the hub answers 200. */
export async function enrollAtHub(hubUrl: string, code: string, name = 'desk'): Promise<Enrolment> {
  const r = await fetch(`${hubUrl}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  if (r.status !== 200) throw new Error(`enrolment refused: ${r.status} ${await r.text()}`);
  return (await r.json()) as Enrolment;
}
