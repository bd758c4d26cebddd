import type { ServerErrorReplies } from '../http/serve';
import { organizationsErrorAnswer } from './handleOrganizationsCall';
import { OrganizationsError } from './organizationsOperations';

/**
 * Organizations' answers for what never reaches its handler (a body over the listener's limit, bytes that are
 * not HTTP, a handler that threw), in its own JSON 1.1 error shape, as the handler's own errors are.
 */
export function organizationsServerReplies(report: (error: unknown) => void): ServerErrorReplies {
  return {
    internal: (error) => {
      report(error);
      return organizationsErrorAnswer(
        new OrganizationsError(
          500,
          'ServiceException',
          "AWS Organizations can't complete your request because of an internal service error. Try again later.",
        ),
      );
    },
    tooLarge: () => organizationsErrorAnswer(new OrganizationsError(413, 'InvalidInputException', 'Request too large')),
    malformed: (reason) =>
      organizationsErrorAnswer(new OrganizationsError(400, 'InvalidInputException', `Malformed request: ${reason}`)),
  };
}
