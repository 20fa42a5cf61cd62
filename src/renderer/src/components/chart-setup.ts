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
// Charts redraw on every live update; animation would only cost CPU on a shop PC.
Chart.defaults.animation = false;

export { Chart };
