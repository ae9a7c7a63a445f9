/** An answer Loki gives as an error: its status and the text/plain body, without the newline. */
export class LokiHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LokiHttpError';
  }
}

/** What gorilla/mux answers for a route Loki does not have. */
export const NOT_FOUND = new LokiHttpError(404, '404 page not found');

export const ERR_INSTANT_LOG_QUERY =
  'log queries are not supported as an instant query type, please change your query to a range query type';

export const ERR_EMPTY_COMPATIBLE =
  'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';
