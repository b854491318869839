import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

// Started in a task after the one that evaluated the app's code, not inside it (core/next-task.ts says why).
setTimeout(() => bootstrapApplication(App, appConfig).catch((err: unknown) => console.error(err)));
