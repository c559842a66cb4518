/**
 * Renderers of voice and short video messages, loaded with the other less common bubbles
 * (rare-bubbles.ts). Every URL passes `safeMediaUrl`; a message whose URL fails the check shows its
 * label instead of a broken player.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../../services/store/index.js';
import type { MessageItemContext } from '../message-item.js';
import { h } from './bubble-helpers.js';

/** `m:ss` for a duration in seconds. */
export function formatDuration(total: number): string {
  const s = Math.max(0, Math.round(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Plays or pauses the voice bubble's audio; the bubble shows the state through `data-playing`. */
function togglePlayback(event: Event): void {
  const audio = (event.currentTarget as HTMLElement).parentElement?.querySelector('audio');
  if (!audio) return;
  if (audio.paused) void audio.play().catch(() => undefined);
  else audio.pause();
}

/** Mirrors the audio element's state on its bubble (pressed button, progress bar). */
function onAudioEvent(event: Event): void {
  const audio = event.currentTarget as HTMLAudioElement;
  const bubble = audio.parentElement;
  const playing = !audio.paused && !audio.ended;
  bubble?.toggleAttribute('data-playing', playing);
  bubble?.querySelector('.voice-button')?.setAttribute('aria-pressed', String(playing));
  const done = audio.duration > 0 && Number.isFinite(audio.duration) ? audio.currentTime / audio.duration : 0;
  bubble
    ?.querySelector<HTMLElement>('.voice-progress')
    ?.style.setProperty('transform', `scaleX(${audio.ended ? 0 : done})`);
}

/**
 * A voice bubble: a play button, a bar and the duration. `RC:HQVCMsg` plays in place; an `RC:VcMsg`
 * (AMR, which browsers cannot play) fires `tapMessage` instead.
 */
function voiceBubble(message: KitMessage, ctx: MessageItemContext, src: string, duration: number): TemplateResult {
  const label = ctx.t('message.voice', { duration: formatDuration(duration) });
  return html`<div class="bubble voice" part="bubble" style="width:${h.voiceWidth(duration)}em"><button
      class="voice-button"
      part="voice-button"
      type="button"
      aria-label=${label}
      aria-pressed=${src ? 'false' : nothing}
      @click=${src ? togglePlayback : () => ctx.tap(message)}
    ><span class="voice-icon" aria-hidden="true"></span></button><span class="voice-track" aria-hidden="true"><span class="voice-progress"></span></span><span
      class="duration"
      aria-hidden="true"
    >${formatDuration(duration)}</span>${
      src
        ? html`<audio class="audio" part="audio" preload="none" src=${src} @play=${onAudioEvent} @pause=${onAudioEvent} @ended=${onAudioEvent} @timeupdate=${onAudioEvent}></audio>`
        : nothing
    }</div>`;
}

/** `RC:HQVCMsg`: a play button over the remote AAC file, and the duration. */
export function renderVoice(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = h.contentOf(message);
  const src = h.safeMediaUrl(content.remoteUrl);
  if (!src) return html`<div class="bubble" part="bubble">${h.previewText(message, ctx.t)}</div>`;
  return voiceBubble(message, ctx, src, h.seconds(content.duration));
}

/** `RC:VcMsg`: the older AMR voice message; shown like a voice message, played by the app on `tapMessage`. */
export function renderLegacyVoice(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  return voiceBubble(message, ctx, '', h.seconds(h.contentOf(message).duration));
}

/** `RC:SightMsg`: a native video player in a box of the poster's proportions, with the duration. */
export function renderSight(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = h.contentOf(message);
  const src = h.safeMediaUrl(content.sightUrl);
  const poster = h.thumbnailUrl(content.content);
  const duration = h.seconds(content.duration);
  if (!src) return html`<div class="bubble" part="bubble">${h.previewText(message, ctx.t)}</div>`;
  return html`<div class="bubble media-bubble video" part="bubble" style=${h.boxStyle(h.mediaBox(content.width, content.height, poster))}><video
      class="video-player"
      part="video"
      controls
      preload="none"
      src=${src}
      poster=${poster || nothing}
      aria-label=${ctx.t('message.video', { duration: formatDuration(duration) })}
    ></video>${duration ? html`<span class="duration media-duration" aria-hidden="true">${formatDuration(duration)}</span>` : nothing}</div>`;
}
