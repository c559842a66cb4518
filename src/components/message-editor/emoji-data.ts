/** A bundled set of common Unicode emoji in a few categories (text only, no images). */
export interface EmojiCategory {
  /** i18n key under `messageEditor.emojiCategory`. */
  readonly id: string;
  readonly emoji: readonly string[];
}

const split = (s: string): string[] => s.split(' ');

export const EMOJI_CATEGORIES: readonly EmojiCategory[] = [
  {
    id: 'smileys',
    emoji: split(
      '😀 😃 😄 😁 😆 😅 😂 🤣 😊 😇 🙂 😉 😌 😍 🥰 😘 😋 😜 🤔 🤨 😐 😑 😶 🙄 😏 😴 😎 🤓 😕 😟 😮 😲 😳 🥺 😢 😭 😤 😡 🤯 😱',
    ),
  },
  { id: 'gestures', emoji: split('👍 👎 👌 ✌️ 🤞 🤝 👏 🙌 👐 🙏 💪 👋 🤙 👉 👈 👆 👇 ☝️ ✋ 🤚 🖐️ 🖖 ✊ 👊') },
  {
    id: 'nature',
    emoji: split('🐶 🐱 🐭 🐹 🐰 🦊 🐻 🐼 🐨 🐯 🦁 🐮 🐷 🐸 🐵 🐔 🐧 🐦 🦄 🐝 🌸 🌹 🌻 🌈 ☀️ 🌙 ⭐ 🔥 ❄️ 🌊'),
  },
  { id: 'food', emoji: split('🍎 🍊 🍋 🍉 🍇 🍓 🍒 🍑 🍍 🥝 🍅 🥑 🍞 🧀 🍔 🍟 🍕 🌭 🍜 🍣 🍰 🎂 🍪 🍫 ☕ 🍵 🍺 🍷') },
  {
    id: 'symbols',
    emoji: split('❤️ 🧡 💛 💚 💙 💜 🖤 💔 💯 ✅ ❌ ❓ ❗ 💤 🎉 🎁 🎈 ⚽ 🏀 🎵 📷 💻 📱 ⏰ 📌 ✈️ 🚗 🏠'),
  },
];
