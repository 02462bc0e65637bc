import { ControlError } from '../http/http-types.js';
import type { WecomDirectory } from './wecom-directory.js';
import type { KfAccount } from './wecom-model.js';

const SCENE_PARAM_MAX_BYTES = 128;

/**
 * What WeCom reads when a customer opens a chat link from kf/add_contact_way: the scene it was made with
 * and the `scene_param` the business appended (URL-encoded, ≤ 128 bytes). A link WeCom did not make, made
 * for another account, or altered in its other parameters fails WeCom's check: no enter_session at all.
 */
export function openContactLink(
  directory: WecomDirectory,
  account: KfAccount,
  link: string,
): { scene: string; sceneParam: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new ControlError(400, '`contactUrl` is not a URL');
  }
  const encodedParam = /[?&]scene_param=([^&#]*)/.exec(link)?.[1] ?? '';
  if (encodedParam.length > SCENE_PARAM_MAX_BYTES)
    throw new ControlError(400, `scene_param may be at most ${SCENE_PARAM_MAX_BYTES} bytes URL-encoded`);
  const sceneParam = url.searchParams.get('scene_param') ?? '';
  url.searchParams.delete('scene_param');
  const way = directory.findContactWay(url.toString());
  if (!way || way.openKfId !== account.openKfId) {
    throw new ControlError(
      409,
      'WeCom does not recognise this chat link for this account (not from kf/add_contact_way, or altered): no enter_session is delivered',
    );
  }
  return { scene: way.scene, sceneParam };
}
