// Which sidebar field a BigQuery failure is about: its sentence names the project first when
// the project is what is wrong.
import { failureIsAboutProject } from '../../../src/core/bigquery/bigQueryErrors';

describe('failureIsAboutProject', () => {
  test.each([
    'Not found: Project my-projct',
    'Access Denied: Project my-project: User does not have bigquery.jobs.create permission in project my-project.',
    'The project my-project has not enabled BigQuery.',
  ])('returns true for %j', (message) => {
    expect(failureIsAboutProject(message)).toBe(true);
  });

  test.each([
    'Not found: Dataset my-project:segmnt',
    'Not found: Table my-project:segment.pagez',
    'Access Denied: Table my-project:segment.pages: User does not have permission to query table my-project:segment.pages.',
    'Access Denied: Dataset my-project:segment: Permission bigquery.datasets.get denied on dataset my-project:segment',
    'Not found: Dataset my-project:project_data',
  ])('returns false for %j', (message) => {
    expect(failureIsAboutProject(message)).toBe(false);
  });
});
