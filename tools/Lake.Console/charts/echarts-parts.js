// The parts of ECharts the console draws with, and nothing else: importing from echarts/core and registering each
// chart, component and renderer lets esbuild leave the rest of the library out of the bundle.
import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// The page draws on a canvas (fast with many points); SVG export renders the same option again without a DOM.
use([BarChart, LineChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export { init };
