// What an app needs from Cloudflare RealtimeKit for a stage and a livestream: the client (its
// meeting carries `stage` and `livestream`) and the React provider and selector hooks, used as an
// app uses them (as the stagekit figures are measured).
import RealtimeKitClient from '@cloudflare/realtimekit';
import { RealtimeKitProvider, useRealtimeKitClient, useRealtimeKitMeeting, useRealtimeKitSelector } from '@cloudflare/realtimekit-react';

export default [RealtimeKitClient, RealtimeKitProvider, useRealtimeKitClient, useRealtimeKitMeeting, useRealtimeKitSelector];
