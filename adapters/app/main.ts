/** `npm start`: the bot process (Discord, Slack and the daily post, whichever are configured). */
import { config as loadDotenv } from 'dotenv';
import { runBot } from './run-bot.ts';

loadDotenv({ quiet: true });
process.exit(await runBot(process.env));
