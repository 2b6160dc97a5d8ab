/**
 * Writing a solution's metadata in the shape Dataverse exports: solution.xml (manifest with root
 * components) and customizations.xml (the `<Workflow>` elements).
 */
import { WORKFLOW_COMPONENT_TYPE, XML_DECLARATION } from './layout';
import type { SolutionManifest, WorkflowDefinition } from './metadata';
import { escapeXml } from './xml';

/**
 * solution.xml for a manifest, with one workflow root component per id.
 * @param managed written as `<Managed>`; overrides `manifest.managed`
 */
export function manifestXml(m: SolutionManifest, managed: boolean, workflowIds: string[]): string {
  const roots = workflowIds
    .map((id) => `      <RootComponent type="${WORKFLOW_COMPONENT_TYPE}" id="{${id}}" behavior="0" />`)
    .join('\n');
  return `${XML_DECLARATION}
<ImportExportXml version="9.2.0.0" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${escapeXml(m.uniqueName)}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${escapeXml(m.friendlyName)}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions>
      <Description description="${escapeXml(m.description)}" languagecode="1033" />
    </Descriptions>
    <Version>${escapeXml(m.version)}</Version>
    <Managed>${managed ? 1 : 0}</Managed>
    <Publisher>
      <UniqueName>${escapeXml(m.publisher.uniqueName)}</UniqueName>
      <LocalizedNames>
        <LocalizedName description="${escapeXml(m.publisher.friendlyName)}" languagecode="1033" />
      </LocalizedNames>
      <CustomizationPrefix>${escapeXml(m.publisher.prefix)}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>${escapeXml(m.publisher.optionValuePrefix)}</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
${roots}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>`;
}

/** One `<Workflow>` element of customizations.xml. */
export function workflowXml(d: WorkflowDefinition): string {
  const flag = (b: boolean) => (b ? 1 : 0);
  return `    <Workflow WorkflowId="{${d.id}}" Name="${escapeXml(d.name)}">
      <XamlFileName>/${escapeXml(d.xamlFileName)}</XamlFileName>
      <Type>${d.type}</Type>
      <Subprocess>${flag(d.subprocess)}</Subprocess>
      <Category>${d.category}</Category>
      <Mode>${d.mode}</Mode>
      <Scope>${d.scope}</Scope>
      <OnDemand>${flag(d.onDemand)}</OnDemand>
      <TriggerOnCreate>${flag(d.triggerOnCreate)}</TriggerOnCreate>
      <TriggerOnDelete>${flag(d.triggerOnDelete)}</TriggerOnDelete>
      <StateCode>${d.stateCode}</StateCode>
      <StatusCode>${d.statusCode}</StatusCode>
      <PrimaryEntity>${escapeXml(d.primaryEntity)}</PrimaryEntity>
      <LocalizedNames>
        <LocalizedName languagecode="1033" description="${escapeXml(d.name)}" />
      </LocalizedNames>
      <Descriptions>
        <Description languagecode="1033" description="${escapeXml(d.description)}" />
      </Descriptions>
    </Workflow>`;
}

/** customizations.xml holding these workflows and the empty sections Dataverse always writes. */
export function customizationsXml(workflows: WorkflowDefinition[]): string {
  return `${XML_DECLARATION}
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.0.0" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.0.0">
  <Entities />
  <Roles />
  <Workflows>
${workflows.map(workflowXml).join('\n')}
  </Workflows>
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>`;
}
