/** Strings of the tag dialog and the tag menus (`tag-edits.ts`), added when they load. */
import { addFeatureStrings } from '../feature-strings.js';

addFeatureStrings({
  zh_CN: {
    tags: {
      newTitle: '新建标签',
      renameTitle: '重命名标签',
      name: '名称',
      create: '创建',
      save: '保存',
      rename: '重命名…',
      delete: '删除标签',
      deleteConfirm: '确认删除“{{name}}”',
      errorEmpty: '请输入名称',
      errorTooLong: '最多 {{max}} 个字符',
      errorDuplicate: '已有同名标签',
      errorTooMany: '最多可创建 {{max}} 个标签',
      errorGone: '该标签已不存在',
      errorFailed: '无法保存标签（{{code}}）',
      deleteFailed: '无法删除标签（{{code}}）',
      changeFailed: '无法更改会话的标签（{{code}}）',
    },
    menu: {
      newTag: '新建标签…',
    },
  },
  en: {
    tags: {
      newTitle: 'New tag',
      renameTitle: 'Rename tag',
      name: 'Name',
      create: 'Create',
      save: 'Save',
      rename: 'Rename…',
      delete: 'Delete tag',
      deleteConfirm: 'Yes, delete “{{name}}”',
      errorEmpty: 'Enter a name',
      errorTooLong: 'At most {{max}} characters',
      errorDuplicate: 'A tag with this name exists',
      errorTooMany: 'You can have at most {{max}} tags',
      errorGone: 'This tag no longer exists',
      errorFailed: 'Could not save the tag ({{code}})',
      deleteFailed: 'Could not delete the tag ({{code}})',
      changeFailed: 'Could not change the conversation’s tags ({{code}})',
    },
    menu: {
      newTag: 'New tag…',
    },
  },
  ja: {
    tags: {
      newTitle: '新しいタグ',
      renameTitle: 'タグの名前を変更',
      name: '名前',
      create: '作成',
      save: '保存',
      rename: '名前を変更…',
      delete: 'タグを削除',
      deleteConfirm: '「{{name}}」を削除する',
      errorEmpty: '名前を入力してください',
      errorTooLong: '{{max}} 文字以内で入力してください',
      errorDuplicate: '同じ名前のタグがあります',
      errorTooMany: 'タグは {{max}} 個までです',
      errorGone: 'このタグはもうありません',
      errorFailed: 'タグを保存できませんでした（{{code}}）',
      deleteFailed: 'タグを削除できませんでした（{{code}}）',
      changeFailed: '会話のタグを変更できませんでした（{{code}}）',
    },
    menu: {
      newTag: '新しいタグ…',
    },
  },
});
