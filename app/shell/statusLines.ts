import type { StatusProblem } from '../../model';

/** The store's errors open with what the sentence already says. */
function withoutPreamble(message: string): string {
  const colon = /^saved objects are unavailable: (.+)$/s.exec(message);
  const bracket = /^saved objects are unavailable \((.+)\)$/s.exec(message);
  return colon?.[1] ?? bracket?.[1] ?? message;
}

/** One calm sentence per problem: what does not work, why, and what still does. */
export function statusLine(problem: StatusProblem): string {
  switch (problem.component) {
    case 'datasource':
      return `Datasource ${problem.name} is not answering: ${problem.message}. Other datasources keep working.`;
    case 'storage':
      return `Saved queries and dashboards are unavailable: ${withoutPreamble(problem.message)}. Explore still works.`;
    case 'auth':
      return `The sign-in provider ${problem.issuer} cannot be reached: ${problem.message}. People already signed in keep working.`;
  }
}
