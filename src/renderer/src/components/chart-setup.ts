/**
 * Registers only the chart.js pieces the app draws (bar and line charts with category/linear
 * axes), which keeps the bundle small; chart.js/auto would pull in every chart type.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() || 'system-ui, sans-serif';
Chart.defaults.color = '#334155';
// Chart text follows the root size (larger on a 4K screen, styles.css): 12 px at the usual 16 px root.
Chart.defaults.font.size = Math.round(0.75 * (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16));
// Charts redraw on every live update; animation would only cost CPU on a shop PC.
Chart.defaults.animation = false;

export { Chart };
