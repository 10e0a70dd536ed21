// Images whose own config already sets a non-root USER, as their published Dockerfiles do: a stage built on one
// without a USER of its own runs unprivileged. Each entry names the user the image sets, so a reader can check it
// against the image (`docker inspect -f '{{.Config.User}}' IMAGE`). Only what the image's maintainers publish
// belongs here; an image that starts as root and drops privileges itself is in images.ts, not here.

export interface NonRootImage {
  /** `registry/repository`, Docker Hub as `docker.io`; a `*` matches any run of characters within the path. */
  image: string;
  /** Only tags matching this run unprivileged (distroless `:nonroot`); every tag when absent. */
  tags?: RegExp;
  /** Tags matching this run as root (Chainguard's `-dev` variants). */
  rootTags?: RegExp;
  /** The USER the image sets. */
  user: string;
}

export const NON_ROOT_IMAGES: readonly NonRootImage[] = [
  { image: 'gcr.io/distroless/*', tags: /(?:^|-)nonroot(?:-|$)/, user: '65532 (nonroot)' },
  { image: 'cgr.dev/chainguard/*', rootTags: /(?:^|-)dev(?:-|$)/, user: '65532 (nonroot)' },
  { image: 'docker.io/bitnami/*', user: '1001' },
  { image: '*-unprivileged', user: '101 (nginx-unprivileged), the image\'s own unprivileged user' },
  { image: 'mcr.microsoft.com/dotnet/*', tags: /chiseled/, user: '1654 (app)' },
  { image: 'docker.io/grafana/grafana', user: '472 (grafana)' },
  { image: 'docker.io/grafana/grafana-oss', user: '472 (grafana)' },
  { image: 'docker.io/grafana/grafana-enterprise', user: '472 (grafana)' },
  { image: 'docker.io/grafana/loki', user: '10001' },
  { image: 'docker.io/grafana/k6', user: '12345 (k6)' },
  { image: 'docker.io/prom/prometheus', user: 'nobody' },
  { image: 'docker.io/prom/alertmanager', user: 'nobody' },
  { image: 'docker.io/prom/node-exporter', user: 'nobody' },
  { image: 'quay.io/prometheus/prometheus', user: 'nobody' },
  { image: 'quay.io/prometheus/alertmanager', user: 'nobody' },
  { image: 'quay.io/prometheus/node-exporter', user: 'nobody' },
  { image: 'quay.io/keycloak/keycloak', user: '1000' },
  { image: 'docker.elastic.co/elasticsearch/elasticsearch', user: '1000 (elasticsearch)' },
  { image: 'docker.elastic.co/kibana/kibana', user: '1000 (kibana)' },
  { image: 'docker.io/jenkins/jenkins', user: 'jenkins' },
  { image: 'docker.io/gitea/gitea', tags: /rootless/, user: 'git' },
];

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = NON_ROOT_IMAGES.map((entry) => ({
  entry,
  name: new RegExp(`^${entry.image.split('*').map(escapeRegExp).join('[^@:]*')}$`),
  // an entry without a registry (`*-unprivileged`) matches any registry
  bare: entry.image.startsWith('*'),
}));

/** The known non-root image a reference names, if any: `domain/repository` with its tag. */
export function knownNonRootImage(domain: string, repository: string, tag: string | undefined): NonRootImage | undefined {
  for (const { entry, name, bare } of PATTERNS) {
    if (!name.test(bare ? repository : `${domain}/${repository}`)) continue;
    const shown = tag ?? 'latest';
    if (entry.tags && !entry.tags.test(shown)) continue;
    if (entry.rootTags?.test(shown)) continue;
    return entry;
  }
  return undefined;
}
