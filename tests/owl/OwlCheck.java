// Loads RDF files with the OWL API (the library Protégé reads ontologies with), the ontology's IRI mapped to
// its local file, and reports what a person opening them in Protégé would meet:
//   violation <TAB> text          each OWL 2 DL profile violation of a file (with its imports)
//   axioms <TAB> TYPE <TAB> n     how many axioms of each type the file itself holds
//   annotation <TAB> IRI <TAB> n  annotation assertions per property (facts read as annotations show here)
//   imports <TAB> IRI             the ontologies it imports
// Usage: java -cp OWLAPI_JARS OwlCheck.java ONTOLOGY_IRI ONTOLOGY_FILE FILE...
// Exit status 0 when it could load every file; the counts are for the caller to judge.
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.NQuadsDocumentFormat;
import org.semanticweb.owlapi.formats.NTriplesDocumentFormat;
import org.semanticweb.owlapi.formats.RDFJsonLDDocumentFormat;
import org.semanticweb.owlapi.formats.TrigDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLOntologyDocumentSource;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;

public class OwlCheck {
    /** The file with its format named by its extension (the parsers are not all tried in turn). */
    static OWLOntologyDocumentSource source(File file) {
        String name = file.getName().toLowerCase();
        if (name.endsWith(".ttl")) return new FileDocumentSource(file, new TurtleDocumentFormat());
        if (name.endsWith(".trig")) return new FileDocumentSource(file, new TrigDocumentFormat());
        if (name.endsWith(".jsonld") || name.endsWith(".json")) return new FileDocumentSource(file, new RDFJsonLDDocumentFormat());
        if (name.endsWith(".nq")) return new FileDocumentSource(file, new NQuadsDocumentFormat());
        if (name.endsWith(".nt")) return new FileDocumentSource(file, new NTriplesDocumentFormat());
        return new FileDocumentSource(file);
    }

    public static void main(String[] args) throws Exception {
        for (int i = 2; i < args.length; i++) {
            // a manager per file, so that one file's terms do not leak into the next one's check
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            manager.getIRIMappers().add(new SimpleIRIMapper(IRI.create(args[0]), IRI.create(new File(args[1]))));
            OWLOntology ont = manager.loadOntologyFromOntologyDocument(source(new File(args[i])));
            System.out.println("file\t" + args[i]);
            ont.directImportsDocuments().forEach(d -> System.out.println("imports\t" + d));
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ont);
            for (OWLProfileViolation v : report.getViolations()) {
                System.out.println("violation\t" + v.toString().replace('\n', ' '));
            }
            for (AxiomType<?> type : AxiomType.AXIOM_TYPES) {
                int n = ont.getAxiomCount(type);
                if (n > 0) {
                    System.out.println("axioms\t" + type.getName() + "\t" + n);
                }
            }
            Map<String, Integer> byProperty = new TreeMap<>();
            ont.axioms(AxiomType.ANNOTATION_ASSERTION).forEach((OWLAnnotationAssertionAxiom ax) ->
                byProperty.merge(ax.getProperty().getIRI().toString(), 1, Integer::sum));
            byProperty.forEach((p, n) -> System.out.println("annotation\t" + p + "\t" + n));
        }
    }
}
