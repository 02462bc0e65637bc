import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { PreferencesModule } from '../preferences/preferences.module.js';
import { ChatTimerActions } from './chat-timer-actions.service.js';
import { ChatTimersRequeueListener } from './chat-timers-requeue.listener.js';
import { ChatTimersRepository } from './chat-timers.repository.js';
import { ChatTimersSweeper } from './chat-timers.sweeper.js';

/** The chat timers (PF2–PF4): missed, missed-chat auto-close, idle warning, idle auto-close. Nothing depends on it. */
@Module({
  imports: [ConversationsModule, PreferencesModule],
  providers: [ChatTimersRepository, ChatTimerActions, ChatTimersSweeper, ChatTimersRequeueListener],
  exports: [ChatTimersSweeper],
})
export class ChatTimersModule {}
