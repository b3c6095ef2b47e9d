import { NotFoundError } from '@backstage/errors';
import { nameSchema } from './queries';
import { parse, type RouteContext } from './util';

/** The review templates loaded at start, and the problems of those that did not load. */
export function registerTemplateRoutes(context: RouteContext): void {
  const { router, templates, credentialsOf } = context;

  router.get('/templates', async (req, res) => {
    await credentialsOf(req);
    res.json({ items: templates.list(), problems: templates.problems() });
  });

  router.get('/templates/:name', async (req, res) => {
    await credentialsOf(req);
    const name = parse(nameSchema, req.params.name, 'template name');
    const template = templates.get(name);
    if (!template) {
      throw new NotFoundError(
        `No launch review template ${name} (known: ${
          templates
            .list()
            .map(t => t.name)
            .join(', ') || 'none'
        })`,
      );
    }
    res.json(template);
  });
}
