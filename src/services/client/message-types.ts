/**
 * The built-in message classes beyond `TextMessage`, named and shaped as in the seeds' "内置消息类型"
 * tables. The server checks the required fields and refuses non-http(s) URLs.
 */
import { MessageType } from '../../protocol/constants.js';
import { BaseMessage, type IMentionedInfo } from './messages.js';

/** Fields every message body may carry (seeds: user and extra). */
export interface IMessageBodyCommon {
  extra?: string;
  user?: { id?: string; name?: string; portraitUri?: string; extra?: string };
  mentionedInfo?: IMentionedInfo;
}

export interface IImageMessageBody extends IMessageBodyCommon {
  /** Thumbnail: base64 without a `data:` prefix (seeds: ~5k recommended, at most 10k). */
  content: string;
  imageUri: string;
}
export interface IGIFMessageBody extends IMessageBodyCommon {
  gifDataSize: number;
  remoteUrl: string;
  width: number;
  height: number;
}
export interface IFileMessageBody extends IMessageBodyCommon {
  name: string;
  size: number;
  type: string;
  fileUrl: string;
}
export interface IHQVoiceMessageBody extends IMessageBodyCommon {
  remoteUrl: string;
  /** Seconds, at most 60. */
  duration: number;
  type?: string;
}
export interface ISightMessageBody extends IMessageBodyCommon {
  sightUrl: string;
  content: string;
  duration: number;
  size: number;
  name: string;
}
export interface ILocationMessageBody extends IMessageBodyCommon {
  longitude: number;
  latitude: number;
  poi: string;
  content: string;
}
export interface IRichContentMessageBody extends IMessageBodyCommon {
  title: string;
  content: string;
  imageUri: string;
  url: string;
}
export interface IReferenceMessageBody extends IMessageBodyCommon {
  referMsgUserId: string;
  referMsg: Record<string, unknown>;
  content: string;
  objName: string;
  referMsgUid?: string;
}
export interface IInformationNotificationMessageBody extends IMessageBodyCommon {
  message: string;
}
export interface IGroupNotificationMessageBody extends IMessageBodyCommon {
  operatorUserId: string;
  operation: string;
  data: string;
  message: string;
}
export interface ICommandMessageBody extends IMessageBodyCommon {
  name: string;
  data: string;
}

/** `RC:ImgMsg` */
export class ImageMessage extends BaseMessage<IImageMessageBody> {
  constructor(content: IImageMessageBody) {
    super(MessageType.IMAGE, content);
  }
}
/** `RC:GIFMsg` */
export class GIFMessage extends BaseMessage<IGIFMessageBody> {
  constructor(content: IGIFMessageBody) {
    super(MessageType.GIF, content);
  }
}
/** `RC:FileMsg` */
export class FileMessage extends BaseMessage<IFileMessageBody> {
  constructor(content: IFileMessageBody) {
    super(MessageType.FILE, content);
  }
}
/** `RC:HQVCMsg` */
export class HQVoiceMessage extends BaseMessage<IHQVoiceMessageBody> {
  constructor(content: IHQVoiceMessageBody) {
    super(MessageType.HQ_VOICE, content);
  }
}
/** `RC:SightMsg` */
export class SightMessage extends BaseMessage<ISightMessageBody> {
  constructor(content: ISightMessageBody) {
    super(MessageType.SIGHT, content);
  }
}
/** `RC:LBSMsg` */
export class LocationMessage extends BaseMessage<ILocationMessageBody> {
  constructor(content: ILocationMessageBody) {
    super(MessageType.LOCATION, content);
  }
}
/** `RC:ImgTextMsg` */
export class RichContentMessage extends BaseMessage<IRichContentMessageBody> {
  constructor(content: IRichContentMessageBody) {
    super(MessageType.RICH_CONTENT, content);
  }
}
/** `RC:ReferenceMsg` */
export class ReferenceMessage extends BaseMessage<IReferenceMessageBody> {
  constructor(content: IReferenceMessageBody) {
    super(MessageType.REFERENCE, content);
  }
}
/** `RC:InfoNtf` (grey notice bar) */
export class InformationNotificationMessage extends BaseMessage<IInformationNotificationMessageBody> {
  constructor(content: IInformationNotificationMessageBody) {
    super(MessageType.INFORMATION_NOTIFICATION, content);
  }
}
/** `RC:GrpNtf` */
export class GroupNotificationMessage extends BaseMessage<IGroupNotificationMessageBody> {
  constructor(content: IGroupNotificationMessageBody) {
    super(MessageType.GROUP_NOTIFICATION, content);
  }
}
/** `RC:CmdMsg`: delivered, never stored or counted. */
export class CommandMessage extends BaseMessage<ICommandMessageBody> {
  constructor(content: ICommandMessageBody) {
    super(MessageType.COMMAND, content, false, false);
  }
}
