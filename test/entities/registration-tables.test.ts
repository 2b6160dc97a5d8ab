import {
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationTable,
  bindLookup,
  MessageName,
  SdkMessageFilterTable,
  SdkMessageProcessingStepTable,
  ServiceEndpointAuthType,
  ServiceEndpointContract,
  ServiceEndpointTable,
  serviceEndpointToWebApi,
  sdkMessageProcessingStepToWebApi,
  SolutionTable,
  StepMode,
  StepStage,
} from '../../sdk/entities/index';

describe('webhook registration tables', () => {
  it('names the option values Dataverse uses for a webhook endpoint', () => {
    expect([ServiceEndpointContract.Webhook, ServiceEndpointAuthType.WebhookKey]).toEqual([8, 4]);
  });

  it('names the stages and modes a step can be registered with', () => {
    expect([StepStage.PreValidation, StepStage.PreOperation, StepStage.PostOperation]).toEqual([10, 20, 40]);
    expect([StepMode.Synchronous, StepMode.Asynchronous]).toEqual([0, 1]);
  });

  it('binds a step to its endpoint through the eventhandler_serviceendpoint navigation', () => {
    const { eventHandlerServiceEndpoint } = SdkMessageProcessingStepTable.lookups;
    expect(
      bindLookup(eventHandlerServiceEndpoint.navigation, ServiceEndpointTable.entitySet, '{ABC}'),
    ).toEqual({
      'eventhandler_serviceendpoint@odata.bind': '/serviceendpoints(abc)',
    });
  });

  it('writes a webhook endpoint with its key in authvalue', () => {
    expect(
      serviceEndpointToWebApi({
        url: 'https://h.example.com/hook',
        contract: ServiceEndpointContract.Webhook,
        authType: ServiceEndpointAuthType.WebhookKey,
        authValue: 'k',
        name: 'n',
      }),
    ).toEqual({ url: 'https://h.example.com/hook', contract: 8, authtype: 4, authvalue: 'k', name: 'n' });
  });

  it('binds a step to its endpoint, message and filter, and joins its filtering attributes', () => {
    expect(
      sdkMessageProcessingStepToWebApi({
        stage: StepStage.PostOperation,
        mode: StepMode.Asynchronous,
        filteringAttributes: ['adx_invitationcode', 'statecode'],
        serviceEndpointId: 'E',
        messageId: 'M',
        messageFilterId: 'F',
      }),
    ).toEqual({
      stage: 40,
      mode: 1,
      filteringattributes: 'adx_invitationcode,statecode',
      'eventhandler_serviceendpoint@odata.bind': '/serviceendpoints(e)',
      'sdkmessageid@odata.bind': '/sdkmessages(m)',
      'sdkmessagefilterid@odata.bind': '/sdkmessagefilters(f)',
    });
  });

  it('clears the filtering attributes of a step without any (every column triggers it)', () => {
    expect(sdkMessageProcessingStepToWebApi({ filteringAttributes: [] })).toEqual({
      filteringattributes: null,
    });
  });

  it('filters sdkmessagefilters by the message through _sdkmessageid_value', () => {
    expect(SdkMessageFilterTable.lookups.message.valueField).toBe('_sdkmessageid_value');
  });

  it('names Update the way filtering attributes are checked against', () => {
    expect(MessageName.Update).toBe('Update');
  });
});

describe('system job and solution tables', () => {
  it('names the completed state and its outcomes', () => {
    expect(AsyncOperationState.Completed).toBe(3);
    expect([
      AsyncOperationStatus.Succeeded,
      AsyncOperationStatus.Failed,
      AsyncOperationStatus.Canceled,
    ]).toEqual([30, 31, 32]);
  });

  it('keeps the system job id where ExecuteWorkflow responses may carry it', () => {
    expect(AsyncOperationTable.primaryId).toBe('asyncoperationid');
  });

  it('uses friendlyname as the solution primary name and uniquename as its key', () => {
    expect(SolutionTable).toMatchObject({
      primaryName: 'friendlyname',
      columns: { uniqueName: 'uniquename' },
    });
  });
});
