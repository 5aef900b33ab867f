/**
 * The AsyncAPI 3.0 document of the order socket, per protocol revision
 * (extended, first, current), and of the Chart API's ticker socket, built
 * from the zod schemas of shared/protocol. It describes the server (the mock
 * exchange, or a venue): it receives requests and sends their replies,
 * errors and unsolicited messages.
 */
import type { z } from 'zod';
import * as chart from '../../shared/protocol/chart';
import * as revisions from '../../shared/protocol/revisions';
import * as extended from '../../shared/protocol/schemas';
import { buildComponents, exportedObjects, type NamedSchemas } from './components';
import { ORDER_SOCKET_REVISIONS, type RevisionSpec } from './revisionSpecs';

/** PascalCase names of the request events, for component names. */
const EVENT_NAMES = {
  newordersingle: 'NewOrderSingle',
  modifyordersingle: 'ModifyOrder',
  neworderoco: 'NewOrderOco',
  orders: 'Orders',
  orderstatus: 'OrderStatus',
  ordercancel: 'OrderCancel',
  symbols: 'Symbols',
  subscribe: 'Subscribe',
  unsubscribe: 'Unsubscribe',
  depth: 'Depth',
  undepth: 'Undepth',
} as const satisfies Record<extended.RequestEvent, string>;

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const eventName = (event: string): string =>
  (EVENT_NAMES as Record<string, string>)[event] ?? pascal(event);

/** Component names of one revision's messages, e.g. FirstNewOrderSingleRequest. */
function messageNames(rev: RevisionSpec) {
  const prefix = pascal(rev.key);
  return {
    request: (event: string) => `${prefix}${eventName(event)}Request`,
    reply: (event: string) => `${prefix}${eventName(event)}Reply`,
    error: `${prefix}ErrorMessage`,
    unsolicited: (event: string) => `${prefix}${pascal(event)}Message`,
  };
}

/** The schemas that become messages, named as their messages are. */
function messageSchemas(): NamedSchemas {
  const named: Array<readonly [string, z.ZodType]> = [];
  for (const rev of ORDER_SOCKET_REVISIONS) {
    const names = messageNames(rev);
    for (const [event, [request, reply]] of Object.entries(rev.exchanges)) {
      named.push([names.request(event), request], [names.reply(event), reply]);
    }
    named.push([names.error, rev.error]);
    for (const [event, schema] of Object.entries(rev.unsolicited)) {
      named.push([names.unsolicited(event), schema]);
    }
  }
  named.push(
    ['ChartSubscribeCommand', chart.ChartSubscribeCommand],
    ['ChartTickerFrame', chart.ChartTickerFrame],
    ['ChartWsErrorFrame', chart.ChartWsErrorFrame],
  );
  return named;
}

const ref = ($ref: string) => ({ $ref });

/** The AsyncAPI 3.0 document of the order socket (every revision) and the ticker socket. */
export function orderSocketDocument(version: string): Record<string, unknown> {
  const components = buildComponents(
    messageSchemas(),
    exportedObjects(extended, revisions, chart),
    'draft-7',
  );
  const servers: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const message = (name: string, title: string, schema: z.ZodType, summary: string) => {
    messages[name] = { name, title, summary, payload: components.ref(schema) };
    return ref(`#/components/messages/${name}`);
  };

  for (const rev of ORDER_SOCKET_REVISIONS) {
    const names = messageNames(rev);
    const channelKey = `orderSocket${pascal(rev.key)}`;
    const channelRef = ref(`#/channels/${channelKey}`);
    const inChannel = (key: string) => ref(`#/channels/${channelKey}/messages/${key}`);
    servers[rev.key] = {
      host: '127.0.0.1:{port}',
      protocol: 'ws',
      title: `Order socket, ${rev.title}`,
      description: `${rev.description} Started with \`npm run exchange -- --revision ${rev.key}\` (or \`startExchange({ revision: '${rev.key}' })\`).`,
      variables: {
        port: {
          default: '8080',
          description: 'The port the exchange prints at start-up (`--port`).',
        },
      },
      security: [
        ref('#/components/securitySchemes/bearer'),
        ref('#/components/securitySchemes/queryToken'),
      ],
    };
    const channelMessages: Record<string, unknown> = {
      error: message(
        names.error,
        `${rev.key}: error`,
        rev.error,
        'The one reply to a request that failed; requestId is null when the frame could not be read.',
      ),
    };
    for (const [event, [request, reply]] of Object.entries(rev.exchanges)) {
      channelMessages[`${event}Request`] = message(
        names.request(event),
        `${rev.key}: ${event} request`,
        request,
        `A client's ${event} request.`,
      );
      channelMessages[`${event}Reply`] = message(
        names.reply(event),
        `${rev.key}: ${event} reply`,
        reply,
        `The success reply to ${event}, with the request's requestId.`,
      );
      operations[`${rev.key}${pascal(event)}`] = {
        action: 'receive',
        title: `${rev.key}: ${event}`,
        summary: `${event}: exactly one reply (success or error) with the same requestId.`,
        channel: channelRef,
        messages: [inChannel(`${event}Request`)],
        reply: { channel: channelRef, messages: [inChannel(`${event}Reply`), inChannel('error')] },
      };
    }
    for (const [event, schema] of Object.entries(rev.unsolicited)) {
      channelMessages[event] = message(
        names.unsolicited(event),
        `${rev.key}: ${event}`,
        schema,
        `Unsolicited ${event} (no requestId).`,
      );
      operations[`${rev.key}${pascal(event)}`] = {
        action: 'send',
        title: `${rev.key}: ${event}`,
        summary: `Unsolicited ${event} messages, sent after the reply of the request that caused them.`,
        channel: channelRef,
        messages: [inChannel(event)],
      };
    }
    channels[channelKey] = {
      address: '/',
      title: `Order socket, ${rev.title}`,
      description: 'One JSON object per text frame; every request gets exactly one reply.',
      servers: [ref(`#/servers/${rev.key}`)],
      messages: channelMessages,
    };
  }

  servers.chartApi = {
    host: '127.0.0.1:{port}',
    protocol: 'ws',
    title: 'Chart API ticker',
    description:
      'The Chart API of the exchange (its HTTP side is in chart-api.openapi.json); the ticker needs no token.',
    variables: {
      port: {
        default: '8081',
        description: 'The Chart API port the exchange prints at start-up (`--chart-port`).',
      },
    },
  };
  const tickerRef = ref('#/channels/chartTicker');
  channels.chartTicker = {
    address: '/ws',
    title: 'Chart API ticker',
    description:
      'Subscriptions are per connection; ticks follow a subscribe until the matching unsubscribe.',
    servers: [ref('#/servers/chartApi')],
    messages: {
      subscribe: message(
        'ChartSubscribeCommand',
        'ticker: subscribe or unsubscribe',
        chart.ChartSubscribeCommand,
        '{"m":"subscribe"|"unsubscribe","p":[symbols]}.',
      ),
      ticker: message(
        'ChartTickerFrame',
        'ticker: ticks',
        chart.ChartTickerFrame,
        'Ticks of subscribed symbols.',
      ),
      error: message(
        'ChartWsErrorFrame',
        'ticker: error',
        chart.ChartWsErrorFrame,
        'A command the server could not carry out.',
      ),
    },
  };
  operations.chartSubscribe = {
    action: 'receive',
    title: 'ticker: subscribe / unsubscribe',
    channel: tickerRef,
    messages: [ref('#/channels/chartTicker/messages/subscribe')],
  };
  operations.chartTicker = {
    action: 'send',
    title: 'ticker: ticks',
    channel: tickerRef,
    messages: [ref('#/channels/chartTicker/messages/ticker')],
  };
  operations.chartError = {
    action: 'send',
    title: 'ticker: error',
    channel: tickerRef,
    messages: [ref('#/channels/chartTicker/messages/error')],
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Paper desk: order socket and Chart API ticker',
      version,
      description:
        'Generated by `npm run api-docs` from the zod schemas of shared/protocol; do not edit by hand. The order protocol is JSON over WebSocket; a server speaks one of three revisions (one server entry and one channel each). Described from the server’s side: it receives requests and sends replies, errors and unsolicited messages. Schemas describe what a reader accepts (zod input side).',
    },
    defaultContentType: 'application/json',
    servers,
    channels,
    operations,
    components: {
      schemas: components.schemas,
      messages,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Authorization: Bearer <token> on the upgrade; no valid token: HTTP 401.',
        },
        queryToken: {
          type: 'httpApiKey',
          name: 'token',
          in: 'query',
          description: 'The same token as ?token=, for clients that cannot set headers.',
        },
      },
    },
  };
}
