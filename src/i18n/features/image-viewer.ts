/** Strings of the image viewer (`image-viewer.ts`), added when it loads. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    message: {
      imageViewer: '图片查看器',
      closeImage: '关闭',
      imageFailed: '图片加载失败',
    },
  },
  en: {
    message: {
      imageViewer: 'Image viewer',
      closeImage: 'Close',
      imageFailed: 'The image could not be loaded',
    },
  },
  ja: {
    message: {
      imageViewer: '画像ビューア',
      closeImage: '閉じる',
      imageFailed: '画像を読み込めませんでした',
    },
  },
});
