/**
 * The suite's callback URLs:
 *   /wecom/suite/callback  instruction callbacks (suite_ticket, create_auth, change_auth, cancel_auth,
 *                          change_contact); receive id = the suite id
 *   /wecom/suite/data      data callbacks (members' messages and app events); receive id = the corp id
 * GET answers the URL verification with the decrypted echostr; POST answers the literal `success`
 * at once and leaves slow work to the job queue (the host waits 1 s for create_auth, 5 s otherwise).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { AppError, errors } from '../../core/errors';
import { WecomCrypto } from './crypto';
import { openCallback, openVerification, type CallbackEndpoint, type CallbackEvent } from './callback';
import { cancelAuth, ADMINS_JOB, AUTH_CHANGE_JOB, INSTALL_JOB } from './install';
import { CONTACT_CHANGE_JOB, contactChangeOf } from './contact-change';

export function wecomCallbackRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const { config, logger, db } = deps;
  const crypto = new WecomCrypto(config.WECOM_SUITE_TOKEN, config.WECOM_SUITE_ENCODING_AES_KEY);
  const suiteId = config.WECOM_SUITE_ID;
  const knownCorp = async (corpId: string) => Boolean(corpId) && (await db.prisma.tenant.count({ where: { hostCorpId: corpId } })) > 0;
  // URL verification: reportedly signed for the provider's corp id; the suite id and installed corps are accepted too.
  const verifiable = async (id: string) => id === suiteId || id === config.WECOM_PROVIDER_CORP_ID || (await knownCorp(id));

  const rejectLogged = (endpoint: CallbackEndpoint, ctx: Context) => (err: unknown) => {
    if (err instanceof AppError) logger.warn({ endpoint, code: err.code, ip: ctx.ip, reqId: ctx.state.requestId }, 'wecom: callback rejected');
    throw err;
  };

  for (const [endpoint, path] of [['instruction', '/wecom/suite/callback'], ['data', '/wecom/suite/data']] as const) {
    router.get(path, async (ctx) => {
      const echo = await openVerification(crypto, ctx.query, verifiable).catch(rejectLogged(endpoint, ctx));
      ctx.type = 'text/plain';
      ctx.body = echo;
    });

    router.post(path, async (ctx) => {
      let receiver = '';
      const accept = async (id: string) => {
        receiver = id;
        return endpoint === 'instruction' ? id === suiteId : knownCorp(id);
      };
      const event = await openCallback(db, crypto, endpoint, ctx.query, await xmlBody(ctx), accept).catch(rejectLogged(endpoint, ctx));
      if (endpoint === 'instruction') await onInstruction(deps, event);
      else await onData(deps, event, receiver);
      ctx.type = 'text/plain';
      ctx.body = 'success';
    });
  }
  return router;
}

/** The tenant of a corp that has the suite installed now (changes for a cancelled one are moot). */
const MAX_XML_BYTES = 64 * 1024;

/** The body as text: parsed by the body parser for XML content types, read here for any other. */
async function xmlBody(ctx: Context): Promise<unknown> {
  const parsed = ctx.request.body;
  if (typeof parsed === 'string' || !ctx.req.readable || ctx.req.readableEnded) return parsed;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_XML_BYTES) throw errors.payloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function tenantOf(deps: AppDeps, corpId: string | undefined): Promise<string | null> {
  if (!corpId) return null;
  const tenant = await deps.db.prisma.tenant.findUnique({ where: { hostCorpId: corpId }, select: { id: true } });
  if (!tenant) return null;
  const auth = await deps.db.prisma.wecomCorpAuth.findUnique({ where: { tenantId: tenant.id }, select: { status: true } });
  return auth?.status === 'active' ? tenant.id : null;
}

async function onInstruction(deps: AppDeps, event: CallbackEvent): Promise<void> {
  const { logger, jobs, wecom } = deps;
  const infoType = event.InfoType ?? '';
  const eventTime = new Date(Number(event.TimeStamp || 0) * 1000 || Date.now());
  if (event.SuiteId && event.SuiteId !== wecom.suiteId) {
    logger.warn({ infoType }, 'wecom: instruction for another suite ignored');
    return;
  }
  switch (infoType) {
    case 'suite_ticket':
      if (event.SuiteTicket) await wecom.saveSuiteTicket(event.SuiteTicket);
      return;
    case 'create_auth':
      // The auth code is a credential for ten minutes: sealed while it waits in the queue.
      await jobs.enqueue({ tenantId: null, kind: INSTALL_JOB, payload: { authCode: deps.cipher.encrypt(event.AuthCode ?? ''), timestamp: eventTime.getTime() } });
      return;
    case 'change_auth': {
      const tenantId = await tenantOf(deps, event.AuthCorpId);
      if (tenantId) await jobs.enqueue({ tenantId, kind: AUTH_CHANGE_JOB });
      return;
    }
    case 'cancel_auth':
      await cancelAuth(deps, event.AuthCorpId ?? '', eventTime);
      return;
    case 'change_contact': {
      const tenantId = await tenantOf(deps, event.AuthCorpId);
      if (tenantId) await jobs.enqueue({ tenantId, kind: CONTACT_CHANGE_JOB, payload: contactChangeOf(event) });
      else logger.warn({ corpId: event.AuthCorpId }, 'wecom: change_contact for a corp without the suite ignored');
      return;
    }
    default:
      logger.info({ infoType }, 'wecom: instruction callback not handled');
  }
}

/** Data callbacks carry members' messages and app events; Qixue acts on the app's admin change. */
async function onData(deps: AppDeps, event: CallbackEvent, corpId: string): Promise<void> {
  const kind = event.Event || event.MsgType || '';
  if (event.MsgType === 'event' && event.Event === 'change_app_admin') {
    // The corp is the one the message was encrypted for, not what the XML claims.
    const tenantId = await tenantOf(deps, corpId);
    if (tenantId) await deps.jobs.enqueue({ tenantId, kind: ADMINS_JOB });
    return;
  }
  deps.logger.info({ kind, corpId }, 'wecom: data callback not handled');
}
